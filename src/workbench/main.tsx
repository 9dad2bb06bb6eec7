// Entry of the workbench page: no Excel here, so the task pane runs against the emulation.
import { createRoot } from 'react-dom/client';
import { Workbench } from './Workbench';

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : undefined;
const platform = params.get('platform') ?? undefined;
createRoot(document.getElementById('root') as HTMLElement).render(<Workbench initial={params.get('sample') ?? undefined} look={{ theme, platform }} />);
