import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDocument } from '../document.js';
import { detectLanguage } from './language.js';

const languageOf = (text: string) =>
  detectLanguage(newDocument('t', { input: 't', title: '', text, outlet: null, published: null, url: null })).language;

test('a short Arabic text that franc takes for Urdu is Arabic: it has none of the letters Urdu writes with', () => {
  // Without hamzas («ان اسرائيل») franc's trigrams answered Urdu, and the Arabic layers were skipped.
  assert.equal(languageOf('وقالت صحيفة هآرتس ان اسرائيل تتوقع'), 'arb');
  assert.equal(languageOf('وقالت صحيفة هآرتس إن إسرائيل تتوقع انسحابا.'), 'arb');
});

test('Persian and Urdu stay themselves', () => {
  assert.equal(languageOf('وزیر امور خارجه ایران گفت که مذاکرات با کشورهای همسایه ادامه دارد و نتیجه آن به زودی اعلام می‌شود.'), 'pes');
  assert.equal(languageOf('پاکستان کے وزیر اعظم نے کہا ہے کہ حکومت عوام کی بھلائی کے لیے کام کر رہی ہے اور کرتی رہے گی۔'), 'urd');
});
