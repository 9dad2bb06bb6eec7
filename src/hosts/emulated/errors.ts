// Errors shaped like OfficeExtension.Error, so host code that inspects `e.code` /
// `e.debugInfo.errorLocation` behaves the same against the emulation and real Excel.

/** The codes the emulation raises; values as in Excel.ErrorCodes / OfficeExtension.ErrorCodes. */
export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  runMustReturnPromise: 'RunMustReturnPromise',
  undoNotSupported: 'UndoNotSupported',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

// Excel's own wording where known, so logs read the same as in production.
const MESSAGES: Record<ErrorCode, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of Excel. Please refer to the Excel JavaScript API requirement sets documentation for more information.',
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The requested operation is invalid.',
  InvalidOperationInCellEditMode:
    'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  PropertyNotLoaded:
    'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
  UndoNotSupported: 'The operation is not supported in an undo group.',
};

export interface OfficeErrorDebugInfo {
  code: string;
  message: string;
  /** Where Excel failed, e.g. 'Range.values' or 'WorksheetCollection.getItem'. */
  errorLocation?: string;
  /** The queued statement that failed, in the emulation's own notation. */
  statement?: string;
}

export class EmulatedOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: OfficeErrorDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: unknown;

  constructor(code: string, message?: string, errorLocation?: string, innerError: unknown = null) {
    const msg = message ?? MESSAGES[code as ErrorCode] ?? code;
    super(msg);
    this.code = code;
    this.innerError = innerError;
    this.debugInfo = { code, message: msg };
    if (errorLocation) this.debugInfo.errorLocation = errorLocation;
  }
}

export function officeError(code: ErrorCode, errorLocation?: string, message?: string): EmulatedOfficeError {
  return new EmulatedOfficeError(code, message, errorLocation);
}

export function propertyNotLoaded(typeName: string, prop: string): EmulatedOfficeError {
  return new EmulatedOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${prop}`,
  );
}
