// The task pane: 检查 · 重算 · 报告 · 设置, with progress and a Chinese message for every failure; a
// first-run panel on the first screen, and the Office theme (light or dark) followed.
import {
  FluentProvider,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AddinHost } from '../hosts/office/office-host';
import { CheckPanel } from './CheckPanel';
import { FirstRun, firstRunDismissed, rememberFirstRunDismissed } from './FirstRun';
import { paneEnv, type PaneEnv } from './office-env';
import { RecalcPanel, useRecalc } from './RecalcPanel';
import { ReportPanel } from './ReportPanel';
import { Session, type CheckResult, type Preview } from './session';
import { SettingsPanel } from './SettingsPanel';
import { useOfficeTheme } from './theme';
import { useTask } from './useTask';

const useStyles = makeStyles({
  root: {
    padding: '10px 12px',
    fontFamily: tokens.fontFamilyBase,
    minHeight: '100%',
    boxSizing: 'border-box',
    minWidth: 0,
    maxWidth: '100%',
    // Long unbroken text (a sheet name, a file name) wraps rather than widening the pane.
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  head: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: '8px', margin: '0 0 6px' },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  progress: { margin: '10px 0 6px' },
  step: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  body: { marginTop: '10px' },
});

type TabName = 'check' | 'recalc' | 'report' | 'settings';

export function App({ host, env: given }: { host: AddinHost; env?: PaneEnv }) {
  const s = useStyles();
  const env = useMemo(() => given ?? paneEnv(null), [given]);
  const { theme, dark } = useOfficeTheme(env);
  const session = useMemo(() => new Session(host), [host]);
  const task = useTask();
  const [tab, setTab] = useState<TabName>('check');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<string | null>(session.settingsProblem);
  const [dismissed, setDismissed] = useState(firstRunDismissed);
  const [helpOpen, setHelpOpen] = useState(false);

  const check = () => task.run(async (p) => setResult(await session.check(p)));
  const recalc = useRecalc(session, task.run, setNotice, () => setResult(null));
  // 报告's 「先重算」 wrote a recalculation: what 检查 and 重算 showed is out of date.
  const recalcApplied = (written: Preview) => {
    setNotice(`已写入 ${written.changes.length} 个单元格（重算）。`);
    recalc.appliedElsewhere(written);
    setResult(null);
  };

  // New settings (another profile): what 检查 and 重算 showed was computed under the old ones.
  const settingsSaved = (m: string) => {
    setNotice(m);
    setResult(null);
    recalc.discardPreview();
  };

  // The first screen (检查, nothing checked yet) shows the first-run panel until it is dismissed; 帮助 shows it anywhere.
  const showFirstRun = helpOpen || (!dismissed && tab === 'check' && !result);
  const closeFirstRun = () => {
    rememberFirstRunDismissed();
    setDismissed(true);
    setHelpOpen(false);
  };

  return (
    <FluentProvider theme={theme} className={s.root} data-testid="pane-root" data-theme={dark ? 'dark' : 'light'}>
      <div className={s.head}>
        <h1 className={s.title}>绩效自评助手</h1>
        <Link as="button" onClick={() => setHelpOpen(true)} data-testid="help">
          帮助
        </Link>
      </div>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)} size="small">
        <Tab value="check" data-testid="tab-check">检查</Tab>
        <Tab value="recalc" data-testid="tab-recalc">重算</Tab>
        <Tab value="report" data-testid="tab-report">报告</Tab>
        <Tab value="settings" data-testid="tab-settings">设置</Tab>
      </TabList>
      {showFirstRun && (
        <FirstRun
          env={env}
          onClose={closeFirstRun}
          onGo={(t) => {
            setTab(t);
            setHelpOpen(false);
          }}
        />
      )}
      {task.busy && (
        <div className={s.progress} data-testid="progress">
          <ProgressBar value={task.fraction ?? undefined} thickness="large" data-testid="progress-bar" data-value={task.fraction ?? ''} />
          <div className={s.step} data-testid="progress-step">
            {task.step}
          </div>
        </div>
      )}
      {task.error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>{task.error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && !task.error && (
        <MessageBar intent="success" data-testid="notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.body}>
        {tab === 'check' && <CheckPanel session={session} result={result} busy={task.busy} onCheck={check} run={task.run} />}
        {tab === 'recalc' && <RecalcPanel session={session} busy={task.busy} run={task.run} state={recalc} />}
        {tab === 'report' && <ReportPanel session={session} env={env} busy={task.busy} run={task.run} notify={setNotice} onRecalcApplied={recalcApplied} />}
        {tab === 'settings' && <SettingsPanel session={session} onSaved={settingsSaved} />}
      </div>
    </FluentProvider>
  );
}
