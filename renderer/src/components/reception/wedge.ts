// Telling a keyboard-wedge QR scanner from a person typing. The scanner "types" the CCCD QR
// payload (12-digit ID number, then '|' fields) far faster than anyone can, and ends with Enter.
// Keys are fed in as they arrive; once a fast burst has shown the shape of a CCCD payload, the
// rest of it is swallowed (so it does not land in whatever field has focus) and the payload is
// handed over on Enter.
//
// Not every scanner or keyboard sends key events with the characters in them: with an input
// method such as Unikey on, or a scanner that sends text, keydown says only "Process" (or
// nothing) and the characters arrive as text in beforeinput/input events, or as a composition's
// result. Those are fed as text: one event, many characters, all at the same moment.

/** Gap between two keys of one scan; people rarely type two keys under 35 ms apart for long. */
export const MAX_GAP_MS = 50;
/** A CCCD payload begins with the 12-digit ID number and a separator. */
const PAYLOAD_START = /^\d{12}[|¦\\]$/;

export type WedgeVerdict =
  /** Not ours: let the key do what it normally does. */
  | { kind: 'pass' }
  /** Part of a scan: swallow the key. `leaked` is what reached the focused field before we knew. */
  | { kind: 'swallow'; leaked: string }
  /** The scan is complete. */
  | { kind: 'scan'; payload: string; leaked: string };

export class WedgeDetector {
  private buffer = '';
  private last = -Infinity;
  private capturing = false;
  private leaked = '';

  /** One key press: `key` as KeyboardEvent.key, `at` in milliseconds. */
  feed(key: string, at: number): WedgeVerdict {
    const fast = at - this.last <= MAX_GAP_MS;
    this.last = at;
    if (!fast) this.reset();
    if (key === 'Enter' || key === 'Tab') {
      if (this.capturing) {
        const verdict: WedgeVerdict = { kind: 'scan', payload: this.buffer, leaked: this.leaked };
        this.reset();
        return verdict;
      }
      this.reset();
      return { kind: 'pass' };
    }
    if ([...key].length !== 1) return { kind: 'pass' };
    this.buffer += key;
    if (this.capturing) return { kind: 'swallow', leaked: '' };
    if (PAYLOAD_START.test(this.buffer)) {
      this.capturing = true;
      // The twelve digits went wherever focus was before the separator gave the scan away.
      this.leaked = this.buffer.slice(0, -1);
      return { kind: 'swallow', leaked: this.leaked };
    }
    if (!/^\d{0,12}$/.test(this.buffer)) this.buffer = /^\d$/.test(key) ? key : '';
    return { kind: 'pass' };
  }

  /**
   * Text that arrived at once (a beforeinput's data, a composition's result) at `at`. `leaked` is
   * only what reached the field from earlier events: the caller stops this event's own text.
   */
  feedText(text: string, at: number): WedgeVerdict {
    // A scan already under way had its leaked digits dealt with when it showed itself.
    const known = this.capturing;
    let leaked: string | null = null;
    let index = 0;
    for (const ch of text) {
      const v = this.feed(ch === '\r' || ch === '\n' ? 'Enter' : ch === '\t' ? 'Tab' : ch, at);
      if (v.kind !== 'pass') {
        // Of the digits before the separator, the last `index` came in this very text.
        leaked ??= known ? '' : v.leaked.slice(0, Math.max(0, v.leaked.length - index));
        if (v.kind === 'scan') return { kind: 'scan', payload: v.payload, leaked };
      }
      index++;
    }
    return leaked === null ? { kind: 'pass' } : { kind: 'swallow', leaked };
  }

  private reset(): void {
    this.buffer = '';
    this.capturing = false;
    this.leaked = '';
  }
}
