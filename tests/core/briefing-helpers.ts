/** What the briefing tests share: the bundled briefing's text and small stand-ins. Not a test file. */
import { readFileSync } from 'node:fs';
import type { Briefing, Entity, FindMentions, Mention } from '../../core/types';

export const BRIEFING_TEXT = readFileSync(new URL('../../assets/briefings/syria-2024-12-iran-withdrawal.txt', import.meta.url), 'utf8');

/** A tiny stand-in for the matcher: whole words (exact case) → entity id. */
export function fakeFind(words: Record<string, string>): FindMentions {
  const forms = Object.keys(words).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => {
    const mentions: Mention[] = [];
    for (const m of text.matchAll(pattern)) mentions.push({ entity: words[m[0]]!, start: m.index, end: m.index + m[0].length, text: m[0] });
    return mentions;
  };
}

export function entity(id: string, name = id[0]!.toUpperCase() + id.slice(1)): Entity {
  return { id, name, kind: 'topic', description: '', aliases: [{ text: name }] };
}

export const briefing = (id: string, text: string, extra: Partial<Briefing> = {}): Briefing => ({ id, title: `Title of ${id}`, text, ...extra });
