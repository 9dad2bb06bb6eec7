// Mounts the task pane on any host: Office.js in Excel, the emulation in the workbench.
import { createRoot } from 'react-dom/client';
import type { AddinHost } from '../hosts/office/office-host';
import { App } from './App';
import type { PaneEnv } from './office-env';

export function mountTaskPane(element: HTMLElement, host: AddinHost, env?: PaneEnv): () => void {
  const root = createRoot(element);
  root.render(<App host={host} env={env} />);
  return () => root.unmount();
}
