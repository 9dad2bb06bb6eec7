// Command-line options, validated with zod; every mistake gets a Chinese message.
import { z } from 'zod';

export class UsageError extends Error {}

const Workers = z.coerce.number({ error: '--workers 需要 1 到 64 之间的整数' }).int('--workers 需要 1 到 64 之间的整数').min(1, '--workers 需要 1 到 64 之间的整数').max(64, '--workers 需要 1 到 64 之间的整数').optional();

const CheckOptions = z.object({
  command: z.literal('check'),
  file: z.string().min(1),
  json: z.boolean(),
  config: z.string().min(1).optional(),
  workers: Workers,
});

const RecalcOptions = z.object({
  command: z.literal('recalc'),
  file: z.string().min(1),
  out: z.string({ error: 'recalc 需要用 -o 指定输出文件，例如：jixiao recalc 输入.xlsx -o 输出.xlsx' }).min(1),
  json: z.boolean(),
  config: z.string().min(1).optional(),
  workers: Workers,
});

const ReportOptions = z.object({
  command: z.literal('report'),
  file: z.string().min(1),
  docx: z.string().min(1).optional(),
  md: z.string().min(1).optional(),
  checkNarrative: z.string().min(1).optional(),
  json: z.boolean(),
  config: z.string().min(1).optional(),
});

export const Options = z.discriminatedUnion('command', [CheckOptions, RecalcOptions, ReportOptions]);
export type Options = z.infer<typeof Options>;

export const USAGE = `用法：
  jixiao check 文件.xlsx [--json] [--config 设置.json]
  jixiao recalc 文件.xlsx -o 输出.xlsx [--json] [--config 设置.json]
  jixiao check 文件夹 [--json] [--workers N]            批量检查文件夹中的全部工作簿
  jixiao recalc 文件夹 -o 输出文件夹 [--json] [--workers N]
  jixiao report 文件.xlsx [--docx 报告.docx] [--md 报告.md] [--config 设置.json]
  jixiao report 文件.xlsx --check-narrative 报告.txt|报告.docx [--json]

  check   检查自评表，列出全部问题（有错误时退出码为 1）
  recalc  重算执行率、得分、总分等并写入新文件（不会覆盖原文件）
  report  根据表格生成自评报告（不指定输出文件时把 Markdown 打印到屏幕）；
          --check-narrative 核对已写好的报告中的金额、比率、得分与表格是否一致`;

export function parseArgs(argv: string[]): Options | { command: 'help' } {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'recalc' && command !== 'report') throw new UsageError(`未知命令「${command}」。\n${USAGE}`);
  const raw: Record<string, unknown> = { command, json: false };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`选项 ${a} 后面需要一个文件路径。`);
      return v;
    };
    if (a === '--json') raw.json = true;
    else if (a === '--config' || a === '-c') raw.config = value();
    else if (a === '-o' || a === '--out' || a === '--output') raw.out = value();
    else if (a === '--docx') raw.docx = value();
    else if (a === '--md') raw.md = value();
    else if (a === '--check-narrative') raw.checkNarrative = value();
    else if (a === '--workers' || a === '-j') raw.workers = value();
    else if (a.startsWith('-') && a.length > 1) throw new UsageError(`未知选项「${a}」。\n${USAGE}`);
    else positional.push(a);
  }
  const verb = { check: '检查', recalc: '重算', report: '生成报告' }[command];
  if (positional.length === 0) throw new UsageError(`请指定要${verb}的 .xlsx 文件。\n${USAGE}`);
  if (positional.length > 1) throw new UsageError(`只能指定一个输入文件，多出了「${positional[1]}」。`);
  raw.file = positional[0];
  const r = Options.safeParse(raw);
  if (!r.success) throw new UsageError(r.error.issues[0].message);
  return r.data;
}
