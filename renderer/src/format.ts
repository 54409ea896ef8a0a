// Display formats: one module for the screens, the slips and the reports (shared/format.ts):
// days dd/mm/yyyy, Vietnam time, numbers grouped by the UI's language, never the OS locale.
export {
  formatBytes,
  formatDate,
  formatDateSpan,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
} from '../../shared/format';

/** Read a picked file as base64 (without the data: URL prefix), as the contract carries it. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result;
      if (typeof url === 'string') resolve(url.slice(url.indexOf(',') + 1));
      else reject(new Error(`cannot read ${file.name}`));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}
