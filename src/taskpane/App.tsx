// The task pane: 检查 · 重算 · 设置, with progress and a Chinese message for every failure.
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AddinHost } from '../hosts/office/office-host';
import { CheckPanel } from './CheckPanel';
import { RecalcPanel, useRecalc } from './RecalcPanel';
import { ReportPanel } from './ReportPanel';
import { Session, type CheckResult } from './session';
import { SettingsPanel } from './SettingsPanel';
import { useTask } from './useTask';

const useStyles = makeStyles({
  root: { padding: '10px 12px', fontFamily: tokens.fontFamilyBase, minHeight: '100%', boxSizing: 'border-box' },
  title: { fontSize: '16px', fontWeight: 600, margin: '0 0 6px' },
  progress: { margin: '6px 0' },
  step: { fontSize: '12px', color: tokens.colorNeutralForeground3 },
  body: { marginTop: '10px' },
});

type TabName = 'check' | 'recalc' | 'report' | 'settings';

export function App({ host }: { host: AddinHost }) {
  const s = useStyles();
  const session = useMemo(() => new Session(host), [host]);
  const task = useTask();
  const [tab, setTab] = useState<TabName>('check');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<string | null>(session.settingsProblem);

  const check = () => task.run(async (p) => setResult(await session.check(p)));
  const recalc = useRecalc(session, task.run, setNotice, () => setResult(null));

  return (
    <FluentProvider theme={webLightTheme} className={s.root}>
      <h1 className={s.title}>绩效自评助手</h1>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)} size="small">
        <Tab value="check" data-testid="tab-check">检查</Tab>
        <Tab value="recalc" data-testid="tab-recalc">重算</Tab>
        <Tab value="report" data-testid="tab-report">报告</Tab>
        <Tab value="settings" data-testid="tab-settings">设置</Tab>
      </TabList>
      {task.busy && (
        <div className={s.progress} data-testid="progress">
          <ProgressBar value={task.fraction} thickness="medium" />
          <div className={s.step}>{task.step}</div>
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
        {tab === 'report' && <ReportPanel session={session} busy={task.busy} run={task.run} notify={setNotice} />}
        {tab === 'settings' && <SettingsPanel session={session} onSaved={(m) => setNotice(m)} />}
      </div>
    </FluentProvider>
  );
}
