// UI language: Arabic (right to left) by default, English on request; the choice is kept in localStorage.
// Labels come from i18n/ar.json and i18n/en.json; entity names switch with the language, article text never does.
import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { EntityRef } from './api.js';
import ar from './i18n/ar.json';
import en from './i18n/en.json';

export type Lang = 'ar' | 'en';

type Dict = { [key: string]: string | Dict };
const dictionaries: Record<Lang, Dict> = { ar, en };
const STORAGE_KEY = 'marsad.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The label at a dotted key ("eventType.assault"), with {placeholders} filled; the key itself when missing. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** Like t() when the key may be absent (a mode or qualifier we have no label for): undefined then. */
  maybe(key: string): string | undefined;
  /** A counted phrase ("count.articles"), with the plural form the language's rules choose for n. */
  tn(key: string, n: number): string;
  /** An entity's name in the UI language (the other language's name, or the id, when missing). */
  name(ref: EntityRef | undefined, id?: string): string;
  num(n: number): string;
  /** A date or date-time string of the API ("2026-01-20", "2026-01", "2026-01-20T08:00:00Z") for display. */
  date(value: string | null | undefined): string;
}

function lookup(dict: Dict, key: string): string | Dict | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

function fill(template: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

/** The language tag the Intl formatters use: Arabic words with Western digits, as most Levant outlets print them. */
const locales: Record<Lang, string> = { ar: 'ar-u-nu-latn', en: 'en-GB' };

/** A readable fallback for an entity the index lacks: minted ids carry their Arabic name ("new:person:حيدر-الساعدي"). */
function nameFromId(id: string): string {
  const minted = /^new:[a-z]+:(.+)$/.exec(id);
  return minted ? minted[1].replace(/-/g, ' ') : id;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  const dict = dictionaries[lang];
  const numbers = new Intl.NumberFormat(locales[lang]);
  const plurals = new Intl.PluralRules(lang);
  const day = new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locales[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const t = (key: string, vars?: Record<string, string | number>): string => {
    const found = lookup(dict, key);
    return typeof found === 'string' ? fill(found, vars) : key;
  };
  return {
    lang,
    setLang,
    t,
    maybe: (key) => {
      const found = lookup(dict, key);
      return typeof found === 'string' ? found : undefined;
    },
    tn: (key, n) => {
      const forms = lookup(dict, key);
      if (forms === undefined || typeof forms === 'string') return typeof forms === 'string' ? fill(forms, { n: numbers.format(n) }) : key;
      // Arabic says "zero" for 0 (Intl.PluralRules calls it "zero" too); fall back to "other" for a missing form.
      const form = n === 0 && forms.zero ? 'zero' : plurals.select(n);
      const template = forms[form] ?? forms.other;
      return typeof template === 'string' ? fill(template, { n: numbers.format(n) }) : key;
    },
    name: (ref, id) => {
      if (!ref) return nameFromId(id ?? '');
      return (lang === 'en' ? ref.name.en || ref.name.ar : ref.name.ar || ref.name.en) || nameFromId(ref.id);
    },
    num: (n) => numbers.format(n),
    date: (value) => {
      if (!value) return '';
      const parsed = Date.parse(value.length === 7 ? `${value}-01` : value);
      if (Number.isNaN(parsed)) return value;
      return (value.length === 7 ? month : day).format(parsed);
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n('ar', () => {}));

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
    setLangState(next);
  }, []);
  useEffect(() => {
    const root = document.documentElement;
    root.lang = lang;
    root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);
