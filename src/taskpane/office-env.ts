// What the task pane takes from Office besides the workbook: the platform (so that what it says is
// true where it runs), the Office theme, and a dialog for help. Office.js in Excel, the emulation's
// Office namespace in the workbench; a page with neither gets the defaults (light, a plain link).

/** Office.context.officeTheme (colours as "#RRGGBB"). */
export interface OfficeThemeLike {
  bodyBackgroundColor: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

interface AsyncResultLike {
  status: string;
  value?: unknown;
}

/** The part of `Office` the pane uses (real or emulated). */
export interface OfficeLike {
  context: {
    platform?: string | null;
    officeTheme?: OfficeThemeLike | null;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    document?: {
      addHandlerAsync?(eventType: string, handler: (args: unknown) => void, callback?: (r: AsyncResultLike) => void): void;
    };
    ui?: {
      displayDialogAsync?(url: string, options: { height?: number; width?: number; displayInIframe?: boolean }, callback?: (r: AsyncResultLike) => void): void;
    };
  };
  EventType?: { OfficeThemeChanged?: string };
}

/**
 * Where the pane runs: Excel on the web (a browser tab), Excel for Windows or Mac (a web view inside
 * the application, no browser), a phone or tablet, or the workbench page (a browser, no Excel).
 */
export type Surface = 'web' | 'windows' | 'mac' | 'mobile' | 'workbench' | 'unknown';

export interface PaneEnv {
  surface: Surface;
  /** The Office theme as it is now, or null where there is none. */
  theme(): OfficeThemeLike | null;
  /** Calls `changed` whenever the theme may have changed; returns the unsubscribe. */
  watchTheme(changed: () => void): () => void;
  /** help.html, for a link. */
  helpUrl: string;
  /** Opens help in an Office dialog; null where a plain link is the way (the workbench, no Dialog API). */
  openHelp: (() => void) | null;
}

export function surfaceOf(platform: string | null | undefined): Surface {
  switch (platform) {
    case 'OfficeOnline':
      return 'web';
    case 'PC':
      return 'windows';
    case 'Mac':
      return 'mac';
    case 'iOS':
    case 'Android':
    case 'Universal':
      return 'mobile';
    default:
      return 'unknown';
  }
}

const HELP = 'help.html';

export function paneEnv(office: OfficeLike | null | undefined, opts: { workbench?: boolean } = {}): PaneEnv {
  const ctx = office?.context;
  const helpUrl = HELP;
  const dialog = ctx?.ui?.displayDialogAsync && !opts.workbench && ctx.requirements?.isSetSupported('DialogApi', '1.1');
  return {
    surface: opts.workbench ? 'workbench' : surfaceOf(ctx?.platform),
    theme: () => ctx?.officeTheme ?? null,
    watchTheme(changed) {
      // Office.EventType.OfficeThemeChanged where the document offers it (office.js's Excel document
      // offers only DocumentSelectionChanged: the call fails there and is let be); and the theme is
      // read again whenever the pane comes back into focus or view.
      let live = true;
      const type = office?.EventType?.OfficeThemeChanged;
      if (type && ctx?.document?.addHandlerAsync) {
        try {
          ctx.document.addHandlerAsync(type, () => live && changed());
        } catch {
          // not offered here
        }
      }
      const again = () => live && changed();
      window.addEventListener('focus', again);
      document.addEventListener('visibilitychange', again);
      return () => {
        live = false;
        window.removeEventListener('focus', again);
        document.removeEventListener('visibilitychange', again);
      };
    },
    helpUrl,
    openHelp: dialog
      ? () => {
          const url = new URL(HELP, location.href).href;
          ctx!.ui!.displayDialogAsync!(url, { height: 70, width: 40, displayInIframe: true }, (r) => {
            if (r.status !== 'succeeded') window.open(url, '_blank', 'noopener');
          });
        }
      : null,
  };
}

/** After 下载 Word: where the file goes and what to do if nothing happens, true for each surface. */
export function downloadHint(surface: Surface): string {
  switch (surface) {
    case 'web':
      return '文件由浏览器下载；若没有开始下载，请查看浏览器是否拦截了本页的下载。';
    case 'workbench':
      return '文件由浏览器下载到默认的下载位置；若没有开始下载，请查看浏览器是否拦截了下载。';
    case 'windows':
    case 'mac':
      return '若 Excel 没有提示保存文件，请改用「复制文本」后粘贴到 Word，或在 Excel 网页版中打开本工作簿再下载。';
    default:
      return '若没有开始下载，请改用「复制文本」后粘贴到 Word。';
  }
}
