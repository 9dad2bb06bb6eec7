// The first screen: what the add-in does, its three steps, and where help is. Dismissed once, it
// stays away (remembered in this browser's storage); 帮助 brings it back.
import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { PaneEnv } from './office-env';

const DISMISSED_KEY = 'jixiao.firstRun.dismissed';

/** Whether the user closed the first-run panel before (localStorage; where there is none, never). */
export function firstRunDismissed(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberFirstRunDismissed(): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // storage refused (private mode, policy): it shows again next time
  }
}

const useStyles = makeStyles({
  panel: {
    margin: '10px 0',
    padding: '10px 12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  lead: { margin: '0 0 8px' },
  steps: { margin: '0 0 8px', paddingLeft: '20px' },
  step: { marginBottom: '4px' },
  name: { fontWeight: tokens.fontWeightSemibold },
  foot: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
});

export function FirstRun({ env, onGo, onClose }: { env: PaneEnv; onGo: (tab: 'check' | 'recalc' | 'report') => void; onClose: () => void }) {
  const s = useStyles();
  const step = (tab: 'check' | 'recalc' | 'report', name: string, what: string) => (
    <li className={s.step}>
      <Link as="button" className={s.name} onClick={() => onGo(tab)} data-testid={`first-run-go-${tab}`}>
        {name}
      </Link>
      ：{what}
    </li>
  );
  return (
    <section className={s.panel} data-testid="first-run" aria-label="使用入门">
      <p className={s.lead}>检查预算绩效自评表中的错误，重算执行率、得分和等级，并根据表格起草自评报告。全部在本机计算，数据不上传。</p>
      <ol className={s.steps}>
        {step('check', '检查', '列出每个问题及其单元格，点击即可定位。')}
        {step('recalc', '重算', '预览将写入的执行率、得分、总分和等级，确认后写入，可撤销。')}
        {step('report', '报告', '生成「自评报告」工作表或 Word 文档；表格中没有的内容标为【待填写】。')}
      </ol>
      <div className={s.foot}>
        {env.openHelp ? (
          <Link as="button" onClick={env.openHelp} data-testid="help-link">
            查看使用说明
          </Link>
        ) : (
          <Link href={env.helpUrl} target="_blank" rel="noopener" data-testid="help-link">
            查看使用说明
          </Link>
        )}
        <Button size="small" onClick={onClose} data-testid="first-run-close">
          知道了，不再显示
        </Button>
      </div>
    </section>
  );
}
