interface Props {
  art: string;
  size?: 'small' | 'large';
}

/** ssh-keygen's randomart picture; a screen reader hears what it is, not 11 lines of symbols. */
export function Randomart({ art, size = 'large' }: Props) {
  return (
    <pre className={`randomart randomart-${size}`} role="img" aria-label="Randomart picture of the key's fingerprint">
      {art}
    </pre>
  );
}
