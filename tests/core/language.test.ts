import { describe, expect, it } from 'vitest';
import { decideLanguage, fromDetection, fromIso6393, primaryLanguage } from '../../core/language';

describe('primaryLanguage', () => {
  it('takes the primary subtag, in lower case', () => {
    expect(primaryLanguage('en')).toBe('en');
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage('DE-ch')).toBe('de');
    expect(primaryLanguage(' ar-SY ')).toBe('ar');
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('fr_FR')).toBe('fr');
    expect(primaryLanguage('fil')).toBe('fil');
  });

  it('says nothing for a tag that declares no one language', () => {
    for (const tag of ['', '   ', 'x-klingon', 'i-default', 'und', 'mul', 'zxx', 'de, en', 'english', '12', null, undefined]) {
      expect(primaryLanguage(tag), String(tag)).toBeUndefined();
    }
  });
});

describe('decideLanguage', () => {
  it('takes the block’s lang before the document’s, the document’s before Content-Language, any before detection', () => {
    const all = { blockLang: 'ar', docLang: 'en-US', contentLanguage: 'de', detected: 'fr' };
    expect(decideLanguage(all)).toBe('ar');
    expect(decideLanguage({ ...all, blockLang: undefined })).toBe('en');
    expect(decideLanguage({ ...all, blockLang: null, docLang: null })).toBe('de');
    expect(decideLanguage({ detected: 'fr' })).toBe('fr');
    expect(decideLanguage({})).toBeUndefined();
  });

  it('passes over declarations that say nothing: lang="", und, a list of languages', () => {
    expect(decideLanguage({ blockLang: '', docLang: 'de' })).toBe('de');
    expect(decideLanguage({ blockLang: 'und', docLang: '', contentLanguage: 'es' })).toBe('es');
    expect(decideLanguage({ contentLanguage: 'de, en', detected: 'en' })).toBe('en');
    expect(decideLanguage({ detected: 'und' })).toBeUndefined();
  });

  it('never detects against a declaration: an English page quoting an Arabic block', () => {
    expect(decideLanguage({ blockLang: 'ar', docLang: 'en', detected: 'en' })).toBe('ar');
    expect(decideLanguage({ blockLang: null, docLang: 'en', detected: 'ar' })).toBe('en');
  });
});

describe('fromIso6393', () => {
  it('turns a detector’s three-letter codes into the subtags the names carry', () => {
    expect(fromIso6393('eng')).toBe('en');
    expect(fromIso6393('arb')).toBe('ar');
    expect(fromIso6393('fra')).toBe('fr');
    expect(fromIso6393('deu')).toBe('de');
    expect(fromIso6393('spa')).toBe('es');
    expect(fromIso6393('ita')).toBe('it');
    expect(fromIso6393('und')).toBeUndefined();
    expect(fromIso6393(undefined)).toBeUndefined();
  });
});

describe('fromDetection', () => {
  const detection = (isReliable: boolean, ...languages: Array<[string, number]>) => ({
    isReliable,
    languages: languages.map(([language, percentage]) => ({ language, percentage })),
  });

  it('takes the browser detector’s first language when it is reliable or makes most of the text', () => {
    expect(fromDetection(detection(true, ['de', 97]))).toBe('de');
    expect(fromDetection(detection(false, ['en', 80], ['ar', 20]))).toBe('en');
    expect(fromDetection(detection(true, ['zh-Hant', 99]))).toBe('zh');
  });

  it('says nothing when the detector cannot tell', () => {
    expect(fromDetection(detection(false, ['en', 40], ['fr', 35]))).toBeUndefined();
    expect(fromDetection(detection(false))).toBeUndefined();
    expect(fromDetection(detection(true, ['und', 100]))).toBeUndefined();
  });
});
