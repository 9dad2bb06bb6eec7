// The pane's Fluent theme follows Office's: webDarkTheme when the Office body background is dark.
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { OfficeThemeLike, PaneEnv } from './office-env';

/** WCAG relative luminance of "#RRGGBB" (or "#RGB"), or null when it is not such a colour. */
export function luminance(color: string | undefined): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((color ?? '').trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when white text reads better on the body background than black (luminance below ~0.18). */
export function isDark(theme: OfficeThemeLike | null): boolean {
  if (!theme) return false;
  const l = luminance(theme.bodyBackgroundColor);
  if (l === null) return theme.isDarkTheme === true;
  return (1.05 / (l + 0.05)) > ((l + 0.05) / 0.05);
}

/** The Fluent theme for Office's theme now, following it when it changes. */
export function useOfficeTheme(env: PaneEnv): { theme: Theme; dark: boolean } {
  const [dark, setDark] = useState(() => isDark(env.theme()));
  useEffect(() => env.watchTheme(() => setDark(isDark(env.theme()))), [env]);
  return { theme: dark ? webDarkTheme : webLightTheme, dark };
}
