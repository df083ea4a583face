/**
 * The briefings bundled with Syria Lens. The texts are kept exactly as supplied (see README.md
 * next to them); the titles are ours, because the documents have no title line.
 */
import type { Briefing } from '../../core/types';
import iranWithdrawalText from './syria-2024-12-iran-withdrawal.txt?raw';

/** Early December 2024: rebels take Aleppo and Hama, Iran evacuates its staff, Russia is stretched. */
export const IRAN_WITHDRAWAL_BRIEFING: Readonly<Briefing> = Object.freeze({
  id: 'syria-2024-12-iran-withdrawal',
  title: 'Iran withdraws from Syria as rebels advance, December 2024',
  // The document carries no date line. It reports Hama taken (5 December 2024) and fighting near
  // Damascus, with Assad still in power (he fell on the 8th): the 7th, the day it speaks for.
  date: '2024-12-07',
  text: iranWithdrawalText,
  builtIn: true,
});

/** Every bundled briefing, in the order their cards show them. */
export const bundledBriefings: readonly Briefing[] = Object.freeze([IRAN_WITHDRAWAL_BRIEFING]);
