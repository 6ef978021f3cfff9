// Links to article pages come from the articles themselves: only http(s) URLs become links
// (a "javascript:" or "data:" URL in an article must stay text).
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
