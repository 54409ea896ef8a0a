import type { OutboxState } from '../../../../shared/contracts/records';
import type { Messages } from '../../i18n/vi';

export const UPLOAD_STATES: OutboxState[] = ['pending', 'uploading', 'done', 'needs_attention'];

export function uploadStateLabel(state: OutboxState, t: Messages): string {
  switch (state) {
    case 'pending':
      return t.statusPending;
    case 'uploading':
      return t.statusUploading;
    case 'done':
      return t.statusDone;
    case 'needs_attention':
      return t.statusNeedsAttention;
  }
}
