// A file input in the pane's language: a Fluent button 「选择文件…」 over a hidden <input type=file>
// (whose own face says "Choose File / No file chosen" in the browser's language), and the chosen name.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 0, maxWidth: '100%' },
  name: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
});

export interface FilePickerProps {
  accept: string;
  disabled?: boolean;
  onFile: (file: File) => void;
  /** data-testid of the hidden input; the button and the name get `-button` and `-name`. */
  testId: string;
  label?: string;
}

export function FilePicker({ accept, disabled, onFile, testId, label = '选择文件…' }: FilePickerProps) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <span className={s.row}>
      <Button onClick={() => input.current?.click()} disabled={disabled} data-testid={`${testId}-button`}>
        {label}
      </Button>
      <span className={s.name} title={name ?? undefined} data-testid={`${testId}-name`}>
        {name ?? '未选择文件'}
      </span>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) {
            setName(f.name);
            onFile(f);
          }
          e.target.value = '';
        }}
      />
    </span>
  );
}
