// The command line: node:util parseArgs + zod. Every value option in both spellings (--flag value and
// --flag=value, short forms too); every mistake one Chinese message naming the option, exit 2.
import { parseArgs, UsageError, USAGE } from '../../src/cli/args';
import { cli } from './helpers';

const parsed = (...argv: string[]) => parseArgs(argv);

describe('every value option in every spelling', () => {
  test.each<[string[], Record<string, unknown>]>([
    // --config / -c (every command)
    [['check', 'a.xlsx', '--config', 's.json'], { command: 'check', config: 's.json' }],
    [['check', 'a.xlsx', '--config=s.json'], { command: 'check', config: 's.json' }],
    [['check', 'a.xlsx', '-c', 's.json'], { command: 'check', config: 's.json' }],
    [['check', 'a.xlsx', '-c=s.json'], { command: 'check', config: 's.json' }],
    [['check', 'a.xlsx', '-cs.json'], { command: 'check', config: 's.json' }],
    [['recalc', 'a.xlsx', '-o', 'b.xlsx', '--config=s.json'], { command: 'recalc', config: 's.json' }],
    [['report', 'a.xlsx', '--config', 's.json'], { command: 'report', config: 's.json' }],
    // -o / --out / --output (recalc)
    [['recalc', 'a.xlsx', '-o', 'b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '-o=b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '-ob.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '--out', 'b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '--out=b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '--output', 'b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    [['recalc', 'a.xlsx', '--output=b.xlsx'], { command: 'recalc', out: 'b.xlsx' }],
    // --workers / -j (check, recalc)
    [['check', 'dir', '--workers', '2'], { command: 'check', workers: 2 }],
    [['check', 'dir', '--workers=2'], { command: 'check', workers: 2 }],
    [['check', 'dir', '-j', '3'], { command: 'check', workers: 3 }],
    [['check', 'dir', '-j=3'], { command: 'check', workers: 3 }],
    [['check', 'dir', '-j3'], { command: 'check', workers: 3 }],
    [['recalc', 'dir', '-o', 'out', '--workers=64'], { command: 'recalc', workers: 64 }],
    [['recalc', 'dir', '-o', 'out', '--workers', '1'], { command: 'recalc', workers: 1 }],
    // --docx, --md, --check-narrative (report)
    [['report', 'a.xlsx', '--docx', 'r.docx'], { command: 'report', docx: 'r.docx' }],
    [['report', 'a.xlsx', '--docx=r.docx'], { command: 'report', docx: 'r.docx' }],
    [['report', 'a.xlsx', '--md', 'r.md'], { command: 'report', md: 'r.md' }],
    [['report', 'a.xlsx', '--md=r.md'], { command: 'report', md: 'r.md' }],
    [['report', 'a.xlsx', '--docx', 'r.docx', '--md=r.md'], { command: 'report', docx: 'r.docx', md: 'r.md' }],
    [['report', 'a.xlsx', '--check-narrative', 'r.txt'], { command: 'report', checkNarrative: 'r.txt' }],
    [['report', 'a.xlsx', '--check-narrative=r.docx', '--json'], { command: 'report', checkNarrative: 'r.docx', json: true }],
    // --json, and where things stand
    [['check', 'a.xlsx'], { command: 'check', file: 'a.xlsx', json: false }],
    [['check', 'a.xlsx', '--json'], { command: 'check', file: 'a.xlsx', json: true }],
    [['check', '--json', 'a.xlsx'], { command: 'check', file: 'a.xlsx', json: true }],
    [['--json', 'check', 'a.xlsx'], { command: 'check', file: 'a.xlsx', json: true }],
    [['check', 'a.xlsx', '--json', '--json'], { command: 'check', json: true }],
    [['recalc', '-o', 'b.xlsx', 'a.xlsx'], { command: 'recalc', file: 'a.xlsx', out: 'b.xlsx' }],
    // Values: an = inside, spaces, a file named like an option after --, an inline value starting with -.
    [['recalc', 'a.xlsx', '--out=x=y.xlsx'], { command: 'recalc', out: 'x=y.xlsx' }],
    [['recalc', '各 单位.xlsx', '-o', '输出 文件.xlsx'], { command: 'recalc', file: '各 单位.xlsx', out: '输出 文件.xlsx' }],
    [['check', '--', '-文件.xlsx'], { command: 'check', file: '-文件.xlsx' }],
    [['recalc', 'a.xlsx', '--out=-b.xlsx'], { command: 'recalc', out: '-b.xlsx' }],
  ])('%j', (argv, want) => {
    expect(parsed(...argv)).toMatchObject(want);
  });
});

test.each([[[]], [['--help']], [['-h']], [['help']], [['check', '--help']], [['report', 'a.xlsx', '-h']], [['recalc', 'a.xlsx', '--bogus', '--help']]])('%j: help', (argv) => {
  expect(parsed(...argv)).toEqual({ command: 'help' });
});

describe('every mistake: one Chinese message naming the option, exit 2', () => {
  const CASES: [string, string[], string | RegExp][] = [
    // A missing value names the option as typed and what it needs.
    ['--config without a value', ['check', 'a.xlsx', '--config'], '--config 需要一个文件路径（设置文件，.json）。'],
    ['--config= empty', ['check', 'a.xlsx', '--config='], '--config 需要一个文件路径（设置文件，.json）。'],
    ['-c followed by an option', ['check', 'a.xlsx', '-c', '--json'], '-c 需要一个文件路径（设置文件，.json）。'],
    ['-o without a value', ['recalc', 'a.xlsx', '-o'], '-o 需要一个文件路径（输出文件；批量处理时为输出文件夹）。'],
    ['-o= empty', ['recalc', 'a.xlsx', '-o='], '-o 需要一个文件路径（输出文件；批量处理时为输出文件夹）。'],
    ['--out followed by an option', ['recalc', 'a.xlsx', '--out', '--json'], '--out 需要一个文件路径（输出文件；批量处理时为输出文件夹）。'],
    ['--output without a value', ['recalc', 'a.xlsx', '--output'], '--output 需要一个文件路径（输出文件；批量处理时为输出文件夹）。'],
    ['--docx without a value', ['report', 'a.xlsx', '--docx'], '--docx 需要一个文件路径（报告 .docx）。'],
    ['--md= blank', ['report', 'a.xlsx', '--md=  '], '--md 需要一个文件路径（报告 .md）。'],
    ['--check-narrative without a value', ['report', 'a.xlsx', '--check-narrative'], '--check-narrative 需要一个文件路径（已写好的报告：.docx、.txt 或 .md）。'],
    ['--workers without a value', ['check', 'dir', '--workers'], '--workers 需要 1 到 64 之间的整数。'],
    ['--workers followed by an option', ['check', 'dir', '--workers', '--json'], '--workers 需要 1 到 64 之间的整数。'],
    ['-j without a value', ['check', 'dir', '-j'], '-j 需要 1 到 64 之间的整数。'],
    ['--workers= empty', ['check', 'dir', '--workers='], '--workers 需要 1 到 64 之间的整数。'],
    // A wrong value says which.
    ['--workers 0', ['check', 'dir', '--workers', '0'], '--workers 需要 1 到 64 之间的整数，不能是「0」。'],
    ['--workers=65', ['check', 'dir', '--workers=65'], '--workers 需要 1 到 64 之间的整数，不能是「65」。'],
    ['--workers 2.5', ['check', 'dir', '--workers', '2.5'], '--workers 需要 1 到 64 之间的整数，不能是「2.5」。'],
    ['--workers=-1', ['check', 'dir', '--workers=-1'], '--workers 需要 1 到 64 之间的整数，不能是「-1」。'],
    ['--workers 0x10', ['check', 'dir', '--workers', '0x10'], '--workers 需要 1 到 64 之间的整数，不能是「0x10」。'],
    ['-j=two', ['check', 'dir', '-j=two'], '-j 需要 1 到 64 之间的整数，不能是「two」。'],
    // Unknown options are named.
    ['unknown long option', ['check', 'a.xlsx', '--fast'], /^未知选项「--fast」。\n用法：/],
    ['unknown long option with a value', ['check', 'a.xlsx', '--fast=1'], /^未知选项「--fast」。\n/],
    ['unknown option in another case', ['check', 'a.xlsx', '--JSON'], /^未知选项「--JSON」。\n/],
    ['unknown short option', ['check', 'a.xlsx', '-x'], /^未知选项「-x」。\n/],
    ['unknown short option in a group', ['check', 'a.xlsx', '-xj2'], /^未知选项「-x」（在「-xj2」中）。\n/],
    ['a near miss of --workers', ['check', 'dir', '--worker=2'], /^未知选项「--worker」。\n/],
    // Flags take no value.
    ['--json=1', ['check', 'a.xlsx', '--json=1'], '选项 --json 不带值，请去掉「=1」。'],
    // Repeated value options.
    ['-o twice', ['recalc', 'a.xlsx', '-o', 'b.xlsx', '-o', 'c.xlsx'], '选项 -o 只能指定一次。'],
    ['-o and --out', ['recalc', 'a.xlsx', '-o', 'b.xlsx', '--out=c.xlsx'], '选项 -o 和 --out 是同一个选项，只能指定一次。'],
    ['--config twice', ['check', 'a.xlsx', '--config', 'a.json', '--config=b.json'], '选项 --config 只能指定一次。'],
    ['--workers and -j', ['check', 'dir', '--workers=2', '-j', '2'], '选项 --workers 和 -j 是同一个选项，只能指定一次。'],
    ['--docx twice', ['report', 'a.xlsx', '--docx', 'a.docx', '--docx', 'b.docx'], '选项 --docx 只能指定一次。'],
    // Positional mistakes.
    ['no command, an option', ['--json'], /^请指定命令：check、recalc 或 report。\n用法：/],
    ['unknown command', ['fix', 'a.xlsx'], /^未知命令「fix」。\n用法：/],
    ['check without a file', ['check'], /^请指定要检查的 \.xlsx 文件或文件夹。\n用法：/],
    ['recalc without a file', ['recalc', '-o', 'b.xlsx'], /^请指定要重算的 \.xlsx 文件或文件夹。\n/],
    ['report without a file', ['report', '--json'], /^请指定要生成报告的 \.xlsx 文件。\n/],
    ['two files', ['check', 'a.xlsx', 'b.xlsx'], '只能指定一个输入文件或文件夹，多出了「b.xlsx」。'],
    ['a value after a flag that takes none', ['check', 'a.xlsx', '--json', 'out.json'], '只能指定一个输入文件或文件夹，多出了「out.json」。'],
    ['two reports', ['report', 'a.xlsx', 'b.xlsx'], '只能指定一个输入文件，多出了「b.xlsx」。'],
    // Options another command takes.
    ['check -o', ['check', 'a.xlsx', '-o', 'b.xlsx'], /^check 命令不接受选项 -o（它用于 recalc）。\n用法：/],
    ['check --docx', ['check', 'a.xlsx', '--docx=r.docx'], /^check 命令不接受选项 --docx（它用于 report）。\n/],
    ['recalc --check-narrative', ['recalc', 'a.xlsx', '-o', 'b.xlsx', '--check-narrative', 'r.txt'], /^recalc 命令不接受选项 --check-narrative（它用于 report）。\n/],
    ['report --workers', ['report', 'a.xlsx', '-j', '2'], /^report 命令不接受选项 -j（它用于 批量 check、recalc）。\n/],
    ['report -o', ['report', 'a.xlsx', '--output', 'r.md'], /^report 命令不接受选项 --output（它用于 recalc）。\n/],
    // Options that do not go together, and a required one.
    ['recalc without -o', ['recalc', 'a.xlsx'], 'recalc 需要用 -o 指定输出文件，例如：jixiao recalc 输入.xlsx -o 输出.xlsx'],
    ['--check-narrative with --docx', ['report', 'a.xlsx', '--check-narrative', 'r.txt', '--docx', 'r.docx'], '--check-narrative 核对已写好的报告，不生成报告：不能与 --docx、--md 同时使用。'],
  ];

  test.each(CASES)('%s', (_name, argv, message) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const text = (error as Error).message;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(text.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  test.each(CASES)('%s, through the CLI: exit 2, the message on stderr, nothing on stdout', async (_name, argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message + '\n');
    else expect(r.err).toMatch(message);
  });
});

test('help: the usage on stdout, exit 0, and it says both spellings work', async () => {
  const r = await cli('check', '--help');
  expect(r).toEqual({ code: 0, out: USAGE + '\n', err: '' });
  expect(USAGE).toContain('--workers 2 或 --workers=2');
});
