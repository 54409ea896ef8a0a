// The scanner's payload when it arrives as text rather than keys: with an input method such as
// Unikey on, or a scanner that sends text, keydown carries no character ("Process") and the
// characters come in beforeinput events or as a composition's result. Both are fed to the same
// detector as the keys, so a scan is caught however it arrives; a character already fed from its
// keydown is not fed again from the beforeinput that follows it.
import { useEffect, type RefObject } from 'react';
import type { WedgeDetector, WedgeVerdict } from './wedge';

export interface FedKey {
  /** The last printable key fed from a keydown, waiting for its own beforeinput. */
  key: string | null;
}

export function useWedgeText(
  wedge: RefObject<WedgeDetector>,
  fedKey: RefObject<FedKey>,
  onVerdict: (verdict: Exclude<WedgeVerdict, { kind: 'pass' }>, target: EventTarget | null) => void,
): void {
  useEffect(() => {
    const onBeforeInput = (e: InputEvent) => {
      const pending = fedKey.current.key;
      fedKey.current.key = null;
      // A composition is judged once, on its result (compositionend).
      if (e.isComposing || e.inputType === 'insertCompositionText') return;
      if (e.inputType !== 'insertText' && e.inputType !== 'insertLineBreak') return;
      const text = e.inputType === 'insertLineBreak' ? '\n' : (e.data ?? '');
      if (text === '' || text === pending) return;
      const verdict = wedge.current.feedText(text, e.timeStamp);
      if (verdict.kind === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      onVerdict(verdict, e.target);
    };
    const onCompositionEnd = (e: CompositionEvent) => {
      if (!e.data) return;
      const verdict = wedge.current.feedText(e.data, e.timeStamp);
      if (verdict.kind === 'pass') return;
      // The composition's text is in the field already: it goes with what leaked before it.
      onVerdict({ ...verdict, leaked: verdict.leaked + e.data }, e.target);
    };
    window.addEventListener('beforeinput', onBeforeInput, true);
    window.addEventListener('compositionend', onCompositionEnd, true);
    return () => {
      window.removeEventListener('beforeinput', onBeforeInput, true);
      window.removeEventListener('compositionend', onCompositionEnd, true);
    };
  }, [wedge, fedKey, onVerdict]);
}
