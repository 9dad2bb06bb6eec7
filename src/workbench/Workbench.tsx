// The workbench: the real task pane beside a grid view of a workbook held by the Excel emulation.
import { useEffect, useState } from 'react';
import type { Workbook } from '../core/grid/types';
import { createEmulatedHost } from '../hosts/emulated/emulated-host';
import { createOfficeNamespace, type OfficeLike as EmulatedOffice } from '../hosts/emulated/office';
import { EmulatedWorkbook } from '../hosts/emulated/state';
import type { OfficeHost } from '../hosts/office/office-host';
import { App } from '../taskpane/App';
import { paneEnv, type OfficeLike, type PaneEnv } from '../taskpane/office-env';
import { GridView } from './GridView';
import { readXlsx, SAMPLES } from './load';

interface Loaded {
  name: string;
  book: EmulatedWorkbook;
  host: OfficeHost;
  office: EmulatedOffice;
  env: PaneEnv;
  key: number;
}

/** How the emulated Office presents itself: ?theme=dark (Office's Black theme), ?platform=PC|Mac|OfficeOnline. */
export interface OfficeLook {
  theme?: 'light' | 'dark';
  platform?: string;
}

let nextKey = 1;

export function open(name: string, wb: Workbook, apiVersion: string, look: OfficeLook = {}): Loaded {
  const book = new EmulatedWorkbook(wb);
  const office = createOfficeNamespace(book, { apiVersion, officeTheme: look.theme, platform: look.platform });
  // The pane says what is true of the workbench (a browser page); ?platform= shows another surface's wording.
  const env = paneEnv(office as unknown as OfficeLike, { workbench: !look.platform });
  return { name, book, host: createEmulatedHost(book, { apiVersion, office }), office, env, key: nextKey++ };
}

export function Workbench({ initial, look = {} }: { initial?: string; look?: OfficeLook }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [apiVersion, setApiVersion] = useState('1.13');
  const [, tick] = useState(0);

  const load = async (name: string, bytes: () => Promise<ArrayBuffer>) => {
    setError(null);
    try {
      const wb = await readXlsx(await bytes());
      const l = open(name, wb, apiVersion, look);
      setLoaded(l);
      exposeForTests(l);
    } catch (e) {
      setError(`无法打开「${name}」：${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const loadSample = (file: string) => load(file, () => fetch(`samples/${encodeURIComponent(file)}`).then((r) => {
    if (!r.ok) throw new Error('示例文件不存在');
    return r.arrayBuffer();
  }));

  useEffect(() => {
    void loadSample(initial ?? SAMPLES[0]);
  }, []);
  useEffect(() => (loaded ? loaded.book.onChange(() => tick((n) => n + 1)) : undefined), [loaded]);

  const stats = loaded?.book.stats;
  return (
    <div className="wb">
      <header className="bar">
        <strong>绩效自评助手 · 工作台</strong>
        <span className="hint">（浏览器中模拟 Excel；数据只在本机处理）</span>
        <label>
          示例：
          <select data-testid="sample" value={loaded && SAMPLES.includes(loaded.name) ? loaded.name : ''} onChange={(e) => void loadSample(e.target.value)}>
            {!loaded || !SAMPLES.includes(loaded.name) ? <option value="">（自选文件）</option> : null}
            {SAMPLES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="file">
          打开 .xlsx…
          <input
            type="file"
            accept=".xlsx"
            data-testid="open-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f.name, () => f.arrayBuffer());
              e.target.value = '';
            }}
          />
        </label>
        <label>
          ExcelApi：
          <select value={apiVersion} onChange={(e) => setApiVersion(e.target.value)} title="下次打开文件时生效">
            <option value="1.13">1.13</option>
            <option value="1.20">1.20（支持 Ctrl+Z 合并撤销）</option>
          </select>
        </label>
        {stats && (
          <span className="stats" data-testid="stats">
            同步 {stats.syncs} 次 · 最大请求 {(stats.maxRequestBytes / 1024).toFixed(1)} KB
          </span>
        )}
      </header>
      {error && (
        <div className="err" role="alert" data-testid="load-error">
          {error}
        </div>
      )}
      <main className="main">
        <section className="sheet">{loaded ? <GridView key={loaded.key} book={loaded.book} /> : <div className="loading">正在打开…</div>}</section>
        <aside className="pane" data-testid="taskpane">
          {loaded && <App key={loaded.key} host={loaded.host} env={loaded.env} />}
        </aside>
      </main>
    </div>
  );
}

/** Browser tests read the emulation's state and counters through this. */
function exposeForTests(l: Loaded) {
  (window as unknown as { __workbench: unknown }).__workbench = {
    name: l.name,
    book: l.book,
    stats: () => ({ ...l.book.stats, requests: l.book.stats.requests.slice() }),
    cell: (sheet: string, row: number, col: number) => l.book.workbook.sheets.find((s) => s.name === sheet)?.rows[row]?.[col] ?? null,
    /** The user picks another Office theme; the pane reads it again when it regains focus. */
    setOfficeTheme: (theme: 'light' | 'dark') => {
      l.office.setOfficeTheme(theme);
      window.dispatchEvent(new Event('focus'));
    },
  };
}
