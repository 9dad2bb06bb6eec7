// The part of window.Office the add-in touches: onReady, requirement sets, document settings.
import type { EmulatedWorkbook } from './state';
import { compareVersions } from './util';

export interface OfficeNamespaceOptions {
  /** ExcelApi version the emulated host supports; default '1.13'. */
  apiVersion?: string;
  /** What onReady reports; default 'Excel'. null emulates a page opened outside Office. */
  host?: string | null;
  /** Default 'OfficeOnline'. */
  platform?: string;
  /** Office.context.displayLanguage; default 'zh-CN'. */
  displayLanguage?: string;
  /** Other requirement sets and their versions, e.g. { DialogApi: '1.2' }. */
  requirementSets?: Record<string, string>;
  /** Office.context.officeTheme: Office's White theme (default) or its Black one. */
  officeTheme?: 'light' | 'dark';
}

/** Office.context.officeTheme as Excel gives it for its White and Black themes. */
export interface OfficeThemeColors {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme: boolean;
  themeId: string;
}

export const OFFICE_THEMES: Record<'light' | 'dark', OfficeThemeColors> = {
  light: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', controlBackgroundColor: '#FFFFFF', controlForegroundColor: '#262626', isDarkTheme: false, themeId: 'White' },
  dark: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#363636', controlForegroundColor: '#FFFFFF', isDarkTheme: true, themeId: 'Black' },
};

export interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  asyncContext?: unknown;
  error?: { name: string; message: string; code: number };
}

export interface SettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (r: AsyncResult<void>) => void): void;
  saveAsync(options: { asyncContext?: unknown }, callback?: (r: AsyncResult<void>) => void): void;
  refreshAsync(callback?: (r: AsyncResult<SettingsLike>) => void): void;
}

export interface OfficeLike {
  onReady(callback?: (info: { host: string | null; platform: string | null }) => void): Promise<{
    host: string | null;
    platform: string | null;
  }>;
  context: {
    host: string | null;
    platform: string | null;
    displayLanguage: string;
    /** What Office reports now; setOfficeTheme changes it, as choosing another theme in Office does. */
    readonly officeTheme: OfficeThemeColors | null;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    document: { settings: SettingsLike };
  };
  /** Emulation only: the user picks another Office theme (Excel raises no event to the add-in for it). */
  setOfficeTheme(theme: 'light' | 'dark'): void;
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  AsyncResultStatus: { Succeeded: 'succeeded'; Failed: 'failed' };
}

/**
 * Document settings as in Office: set/remove change an in-memory copy; saveAsync writes it into
 * the document (book.documentSettings, as JSON text), where a later Office namespace finds it.
 */
class EmulatedSettings implements SettingsLike {
  private session = new Map<string, unknown>();

  constructor(private readonly book: EmulatedWorkbook) {
    this.reload();
  }

  private reload(): void {
    this.session = new Map();
    for (const [k, json] of this.book.documentSettings) this.session.set(k, JSON.parse(json));
  }

  get(name: string): unknown {
    return this.session.has(name) ? this.session.get(name) : null;
  }

  set(name: string, value: unknown): void {
    this.session.set(name, value);
  }

  remove(name: string): void {
    this.session.delete(name);
  }

  saveAsync(a?: unknown, b?: unknown): void {
    const options = typeof a === 'object' && a !== null ? (a as { asyncContext?: unknown }) : undefined;
    const callback = (typeof a === 'function' ? a : b) as ((r: AsyncResult<void>) => void) | undefined;
    // Serialised now, as Office does when it saves: later mutations of a value are not saved.
    const saved = new Map<string, string>();
    for (const [k, v] of this.session) saved.set(k, JSON.stringify(v));
    setTimeout(() => {
      this.book.documentSettings = saved;
      // Saving the settings disables undo in Excel: OfficeDev/office-js#3141 (open),
      // https://github.com/OfficeDev/office-js/issues/3141
      this.book.undoStack.length = 0;
      callback?.({ status: 'succeeded', value: undefined, asyncContext: options?.asyncContext });
    }, 0);
  }

  refreshAsync(callback?: (r: AsyncResult<SettingsLike>) => void): void {
    setTimeout(() => {
      this.reload();
      callback?.({ status: 'succeeded', value: this });
    }, 0);
  }
}

export function createOfficeNamespace(book: EmulatedWorkbook, opts: OfficeNamespaceOptions = {}): OfficeLike {
  const apiVersion = opts.apiVersion ?? '1.13';
  const host = opts.host === undefined ? 'Excel' : opts.host;
  const platform = host === null ? null : (opts.platform ?? 'OfficeOnline');
  const sets: Record<string, string> = { ...(opts.requirementSets ?? {}), ExcelApi: apiVersion };
  const info = { host, platform };
  let theme: OfficeThemeColors | null = host === null ? null : { ...OFFICE_THEMES[opts.officeTheme ?? 'light'] };
  return {
    onReady(callback) {
      // Office initialises asynchronously: resolve on a later tick, never synchronously.
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.({ ...info });
          resolve({ ...info });
        }, 0),
      );
    },
    context: {
      host,
      platform,
      displayLanguage: opts.displayLanguage ?? 'zh-CN',
      get officeTheme() {
        return theme;
      },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          if (host === null) return false;
          const have = Object.entries(sets).find(([k]) => k.toLowerCase() === String(name).toLowerCase())?.[1];
          if (have === undefined) return false;
          if (minVersion === undefined || minVersion === null || minVersion === '') return true;
          return compareVersions(have, String(minVersion)) >= 0;
        },
      },
      document: { settings: new EmulatedSettings(book) },
    },
    setOfficeTheme(t) {
      if (host !== null) theme = { ...OFFICE_THEMES[t] };
    },
    HostType: {
      Excel: 'Excel',
      Word: 'Word',
      PowerPoint: 'PowerPoint',
      Outlook: 'Outlook',
      OneNote: 'OneNote',
      Project: 'Project',
      Access: 'Access',
    },
    PlatformType: {
      PC: 'PC',
      OfficeOnline: 'OfficeOnline',
      Mac: 'Mac',
      iOS: 'iOS',
      Android: 'Android',
      Universal: 'Universal',
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
}
