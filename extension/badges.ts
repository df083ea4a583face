/** Badge bookkeeping, kept free of browser APIs so it is unit-tested: counts per tab and frame. */
export class TabBadges {
  private readonly counts = new Map<number, Map<number, number | null>>();
  private visible = true;

  constructor(private readonly show: (tabId: number, text: string) => void) {}

  /** `total` null: Syria Lens is off in that frame. */
  report(tabId: number, frameId: number, total: number | null): void {
    let frames = this.counts.get(tabId);
    if (!frames) this.counts.set(tabId, (frames = new Map()));
    if (frameId === 0 && total === null) frames.clear();
    frames.set(frameId, total);
    this.render(tabId);
  }

  forget(tabId: number): void {
    this.counts.delete(tabId);
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    for (const tabId of this.counts.keys()) this.render(tabId);
  }

  textFor(tabId: number): string {
    const frames = this.counts.get(tabId);
    if (!this.visible || !frames || frames.get(0) === null) return '';
    let sum = 0;
    let any = false;
    for (const total of frames.values()) {
      if (total !== null) {
        sum += total;
        any = true;
      }
    }
    if (!any || sum === 0) return '';
    return sum > 999 ? '999+' : String(sum);
  }

  private render(tabId: number): void {
    this.show(tabId, this.textFor(tabId));
  }
}
