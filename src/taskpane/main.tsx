// Entry of the task pane page inside Excel.
import { OfficeHost } from '../hosts/office/office-host';
import { mountTaskPane } from './mount';
import { paneEnv, type OfficeLike } from './office-env';

const root = document.getElementById('root') as HTMLElement;
const OUTSIDE_EXCEL = '请在 Excel 中打开本加载项（开始 → 绩效自评助手）。';

// Outside Office, office.js resolves onReady only after loading a telemetry frame, which the page's
// Content-Security-Policy blocks: say where the add-in runs instead of waiting for ever.
const fallback = setTimeout(() => {
  if (typeof Excel === 'undefined' && !root.hasChildNodes()) root.textContent = OUTSIDE_EXCEL;
}, 3000);

Office.onReady((info) => {
  clearTimeout(fallback);
  if (info.host !== Office.HostType.Excel || typeof Excel === 'undefined') {
    root.textContent = OUTSIDE_EXCEL;
    return;
  }
  const host = new OfficeHost({
    excel: Excel,
    settings: {
      get: (name) => Office.context.document.settings.get(name),
      set: (name, value) => Office.context.document.settings.set(name, value),
      saveAsync: (cb) => Office.context.document.settings.saveAsync((r) => cb?.({ status: String(r.status), error: r.error })),
    },
    supportsUndoGroup: Office.context.requirements.isSetSupported('ExcelApi', '1.20'),
  });
  // Office's platform (for what the pane says), its theme, and the Dialog API for help.
  mountTaskPane(root, host, paneEnv(Office as unknown as OfficeLike));
});
