import { describe, expect, it } from 'vitest';
import { scrollToKeepVisible, sheetMaxHeight, SHEET_GAP_PX, useSheet } from '../../core/card-placement';

describe('useSheet', () => {
  it('phones and narrow windows get the bottom sheet; a finger anywhere does too; desktops keep the card by the mark', () => {
    expect(useSheet({ width: 390, height: 844, coarsePointer: true })).toBe(true);
    expect(useSheet({ width: 600, height: 900, coarsePointer: false })).toBe(true);
    expect(useSheet({ width: 1024, height: 768, coarsePointer: true })).toBe(true);
    expect(useSheet({ width: 601, height: 900, coarsePointer: false })).toBe(false);
    expect(useSheet({ width: 1280, height: 900, coarsePointer: false })).toBe(false);
  });
});

describe('sheetMaxHeight', () => {
  it('is at most half the viewport, in whole pixels', () => {
    expect(sheetMaxHeight(844)).toBe(422);
    expect(sheetMaxHeight(641)).toBe(320);
  });
});

describe('scrollToKeepVisible', () => {
  const vh = 844;
  const sheet = 400;
  const roomBottom = vh - sheet - SHEET_GAP_PX;

  it('a mark visible above the sheet: no scrolling', () => {
    expect(scrollToKeepVisible({ top: 100, bottom: 124 }, vh, sheet)).toBe(0);
    expect(scrollToKeepVisible({ top: roomBottom - 24, bottom: roomBottom }, vh, sheet)).toBe(0);
  });

  it('a mark the sheet would cover: scrolled up just above the sheet', () => {
    const delta = scrollToKeepVisible({ top: 600, bottom: 624 }, vh, sheet);
    expect(delta).toBe(624 - roomBottom);
    expect(624 - delta).toBe(roomBottom);
  });

  it('a mark above the viewport: scrolled down into view', () => {
    expect(scrollToKeepVisible({ top: -50, bottom: -26 }, vh, sheet)).toBe(-50 - SHEET_GAP_PX);
  });

  it('a line taller than the room keeps its top in view', () => {
    expect(scrollToKeepVisible({ top: 300, bottom: 900 }, vh, sheet)).toBe(300 - SHEET_GAP_PX);
  });
});
