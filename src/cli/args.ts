// Command-line options: split by node:util's parseArgs, validated with zod; every mistake gets one
// Chinese message naming the option as it was typed (exit 2).
import { parseArgs as splitArgs } from 'node:util';
import { z } from 'zod';

export class UsageError extends Error {}

export const USAGE = `用法：
  jixiao check 文件.xlsx [--json] [--explain] [--profile 规则] [--config 设置.json]
  jixiao recalc 文件.xlsx -o 输出.xlsx [--json] [--explain] [--profile 规则] [--config 设置.json]
  jixiao check 文件夹 [--json] [--workers N] [--profile 规则]   批量检查文件夹中的全部工作簿
  jixiao recalc 文件夹 -o 输出文件夹 [--json] [--workers N] [--profile 规则]
  jixiao report 文件.xlsx [--docx 报告.docx] [--md 报告.md] [--profile 规则] [--config 设置.json]
  jixiao report 文件.xlsx --check-narrative 报告.txt|报告.docx [--json] [--profile 规则]

  check   检查自评表，列出全部问题（有错误时退出码为 1）
  recalc  重算执行率、得分、总分等并写入新文件（不会覆盖原文件）
  report  根据表格生成自评报告（不指定输出文件时把 Markdown 打印到屏幕）；
          --check-narrative 核对已写好的报告中的金额、比率、得分与表格是否一致
  --profile  评分规则：内置规则的编号（national 全国通用、jiangxi 江西、hubei 湖北、zhejiang 浙江、
             guangxi 广西、ningxia 宁夏、shanxi 山西），或自定义规则的 .json 文件
  --explain  逐项列出每个计算值所用的规则和算式
  选项的值可以写在后面，也可以用等号：--workers 2 或 --workers=2、-o 输出.xlsx 或 -o=输出.xlsx`;

/** The options that take a value, by the key they set. */
type ValueKey = 'config' | 'out' | 'docx' | 'md' | 'checkNarrative' | 'workers' | 'profile';

/** Every spelling parseArgs knows: value options are strings, the rest booleans. */
const SPELLINGS = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
  output: { type: 'string' },
  docx: { type: 'string' },
  md: { type: 'string' },
  'check-narrative': { type: 'string' },
  workers: { type: 'string', short: 'j' },
  profile: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const KEY_OF: Record<string, ValueKey | 'json' | 'explain' | 'help'> = { config: 'config', out: 'out', output: 'out', docx: 'docx', md: 'md', 'check-narrative': 'checkNarrative', workers: 'workers', profile: 'profile', json: 'json', explain: 'explain', help: 'help' };

const WORKERS_RANGE = '需要 1 到 64 之间的整数';

/** What each value option needs, said with the spelling used: `--config 需要一个文件路径`. */
const NEEDS: Record<ValueKey, string> = {
  config: '需要一个文件路径（设置文件，.json）',
  out: '需要一个文件路径（输出文件；批量处理时为输出文件夹）',
  docx: '需要一个文件路径（报告 .docx）',
  md: '需要一个文件路径（报告 .md）',
  checkNarrative: '需要一个文件路径（已写好的报告：.docx、.txt 或 .md）',
  workers: WORKERS_RANGE,
  profile: '需要内置评分规则的编号（如 jiangxi）或自定义规则文件的路径（.json）',
};

/** A given value, checked (a path is any non-blank text); the message names the option as typed. */
function valueSchema(key: ValueKey, flag: string, value: string) {
  if (key !== 'workers') return z.string();
  const bad = `${flag} ${NEEDS.workers}，不能是「${value}」`;
  return z.string().regex(/^\d+$/, bad).transform(Number).pipe(z.number().int().min(1, bad).max(64, bad));
}

const Workers = z.number().int().min(1).max(64).optional();

// The options each command takes (strict: an option another command takes is refused by name).
const CheckOptions = z.strictObject({
  command: z.literal('check'),
  file: z.string().min(1),
  json: z.boolean(),
  explain: z.boolean().optional(),
  profile: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  workers: Workers,
});

const RecalcOptions = z.strictObject({
  command: z.literal('recalc'),
  file: z.string().min(1),
  out: z.string({ error: 'recalc 需要用 -o 指定输出文件，例如：jixiao recalc 输入.xlsx -o 输出.xlsx' }).min(1),
  json: z.boolean(),
  explain: z.boolean().optional(),
  profile: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  workers: Workers,
});

const ReportOptions = z
  .strictObject({
    command: z.literal('report'),
    file: z.string().min(1),
    docx: z.string().min(1).optional(),
    md: z.string().min(1).optional(),
    checkNarrative: z.string().min(1).optional(),
    json: z.boolean(),
    profile: z.string().min(1).optional(),
    config: z.string().min(1).optional(),
  })
  .refine((o) => !(o.checkNarrative && (o.docx || o.md)), { error: '--check-narrative 核对已写好的报告，不生成报告：不能与 --docx、--md 同时使用。' });

export const Options = z.discriminatedUnion('command', [CheckOptions, RecalcOptions, ReportOptions]);
export type Options = z.infer<typeof Options>;

/** Which commands take an option: said when another command is given it. */
const USED_BY: Record<ValueKey | 'explain', string> = { config: 'check、recalc、report', out: 'recalc', docx: 'report', md: 'report', checkNarrative: 'report', workers: '批量 check、recalc', profile: 'check、recalc、report', explain: 'check、recalc' };

const COMMANDS = ['check', 'recalc', 'report'] as const;
const VERB = { check: '检查', recalc: '重算', report: '生成报告' } as const;

export function parseArgs(argv: string[]): Options | { command: 'help' } {
  if (argv.length === 0) return { command: 'help' };
  // strict: false, so that every mistake is found here and said in Chinese (parseArgs's own errors are English).
  const { tokens } = splitArgs({ args: argv, options: SPELLINGS, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.filter((t) => t.kind === 'positional').map((t) => t.value);
  const help = tokens.some((t) => t.kind === 'option' && t.name === 'help');
  const command = positionals[0];
  if (command === 'help' || (help && (command === undefined || (COMMANDS as readonly string[]).includes(command)))) return { command: 'help' };
  if (command === undefined) throw new UsageError(`请指定命令：check、recalc 或 report。\n${USAGE}`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`未知命令「${command}」。\n${USAGE}`);
  const cmd = command as (typeof COMMANDS)[number];

  const raw: Record<string, unknown> = { command: cmd, json: false };
  const typed = new Map<string, string>(); // key → the spelling used, for messages
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const arg = argv[t.index];
    const key = KEY_OF[t.name];
    if (!key) {
      const inGroup = !arg.startsWith('--') && arg.length > 2 && arg !== t.rawName;
      throw new UsageError(`未知选项「${t.rawName}」${inGroup ? `（在「${arg}」中）` : ''}。\n${USAGE}`);
    }
    if (key === 'json' || key === 'explain' || key === 'help') {
      if (t.value !== undefined) throw new UsageError(`选项 ${t.rawName} 不带值，请去掉「=${t.value}」。`);
      raw[key] = true;
      if (key === 'explain') typed.set(key, t.rawName);
      continue;
    }
    // A value: inline (--flag=value, -fvalue, -f=value) or the next argument, which must not be an option.
    let value = t.value;
    if (t.inlineValue && !t.rawName.startsWith('--') && value?.startsWith('=')) value = value.slice(1);
    if (value === undefined || value.trim() === '' || (!t.inlineValue && value.startsWith('-') && value !== '-')) throw new UsageError(`${t.rawName} ${NEEDS[key]}。`);
    const checked = valueSchema(key, t.rawName, value).safeParse(value);
    if (!checked.success) throw new UsageError(checked.error.issues[0].message + '。');
    const before = typed.get(key);
    if (before !== undefined) throw new UsageError(before === t.rawName ? `选项 ${t.rawName} 只能指定一次。` : `选项 ${before} 和 ${t.rawName} 是同一个选项，只能指定一次。`);
    typed.set(key, t.rawName);
    raw[key] = checked.data;
  }

  const files = positionals.slice(1);
  if (files.length === 0) throw new UsageError(`请指定要${VERB[cmd]}的 .xlsx 文件${cmd === 'report' ? '' : '或文件夹'}。\n${USAGE}`);
  if (files.length > 1) throw new UsageError(`只能指定一个输入${cmd === 'report' ? '文件' : '文件或文件夹'}，多出了「${files[1]}」。`);
  raw.file = files[0];
  const r = Options.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] as ValueKey | 'explain';
      throw new UsageError(`${cmd} 命令不接受选项 ${typed.get(key) ?? key}（它用于 ${USED_BY[key]}）。\n${USAGE}`);
    }
    throw new UsageError(issue.message);
  }
  return r.data;
}
