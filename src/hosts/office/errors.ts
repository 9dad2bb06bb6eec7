// Office.js errors as one Chinese sentence a user can act on.

export class HostError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'HostError';
  }
}

type Action = 'read' | 'write' | 'select' | 'highlight' | 'report';

const ACTION: Record<Action, string> = { read: '读取工作簿', write: '写入', select: '定位单元格', highlight: '标记单元格', report: '生成报告工作表' };

export function explainOfficeError(e: unknown, action: Action, rolledBack?: boolean): HostError {
  if (e instanceof HostError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const after =
    action === 'write' ? (rolledBack === false ? '部分单元格可能已改动且未能还原，请用 Excel 的撤销检查。' : '工作簿已恢复原状，未作任何修改。') : '';
  let why: string;
  switch (code) {
    case 'AccessDenied':
      why = '工作表受保护，无法修改；请先在“审阅 → 撤消工作表保护”后重试。';
      break;
    case 'InvalidOperationInCellEditMode':
      why = '有单元格正处于编辑状态；请先按 Enter 或 Esc 结束编辑后重试。';
      break;
    case 'RequestPayloadSizeLimitExceeded':
    case 'PayloadTooLarge':
      why = '一次提交的数据超过了 Excel 的大小限制。';
      break;
    case 'ItemNotFound':
      why = '找不到对应的工作表或单元格，工作簿可能已被修改；请重新检查。';
      break;
    case 'ItemAlreadyExists':
      why = '已有同名工作表。';
      break;
    case 'UndoNotSupported':
      why = '此操作不支持合并撤销。';
      break;
    default:
      why = `Excel 返回错误${code ? `（${code}）` : ''}：${e instanceof Error ? e.message : String(e)}`;
  }
  return new HostError(`${ACTION[action]}失败：${why}${after}`, code);
}
