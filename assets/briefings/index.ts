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
  text: iranWithdrawalText,
  builtIn: true,
});

/** Every bundled briefing, in the order their cards show them. */
export const bundledBriefings: readonly Briefing[] = Object.freeze([IRAN_WITHDRAWAL_BRIEFING]);
