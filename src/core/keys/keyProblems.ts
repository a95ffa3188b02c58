import type { KeyProblemId } from '../../shared/keyCheck';

// What each mangling is and how to undo it at its source, in plain words. None quotes
// the input (it may be a key) and none names a command: each face adds its own hint.

export const PROBLEM_TEXT: Record<KeyProblemId, { message: string; fix: string }> = {
  utf16: {
    message: 'The text is saved as UTF-16 (as PowerShell 5 writes with ">"); key readers expect ASCII or UTF-8.',
    fix: 'Save it as UTF-8 or ASCII, for example with Out-File -Encoding ascii.',
  },
  bom: {
    message: 'A byte order mark (U+FEFF) comes before the key; some readers take it for part of the text.',
    fix: 'Save the file as UTF-8 without a BOM.',
  },
  assignment: {
    message: 'The variable’s name and "=" came with the value, as if a whole line of a .env file was pasted.',
    fix: 'Paste only the value, or load the .env file with a dotenv reader.',
  },
  quotes: {
    message: 'Quotes around the key are part of the value: they were kept when it was pasted or set.',
    fix: 'Remove the surrounding quotes, or set the value through a reader that strips them (a dotenv file).',
  },
  'literal-newlines': {
    message: 'The line breaks are the two characters \\n instead of real line breaks.',
    fix: 'Turn each \\n into a line break when the value is read, or store the key with real line breaks (a file, or a multi-line secret).',
  },
  crlf: {
    message: 'The lines end in CRLF (Windows line ends).',
    fix: 'Save the file with LF line ends; most readers accept CRLF, but some tools do not.',
  },
  'base64-pem': {
    message: 'This is the whole PEM in base64 (as JAAS_PRIVATE_KEY_B64 holds it), not yet decoded.',
    fix: 'Decode the value from base64 before handing it to the key reader.',
  },
  'extra-text': {
    message: 'There is other text before or after the PEM block.',
    fix: 'Keep only the lines from BEGIN to END.',
  },
  'newlines-lost': {
    message: 'The line breaks were lost: the BEGIN line, the key and the END line run together on one line.',
    fix: 'Put the BEGIN and END lines on lines of their own, or store the key where line breaks survive (a file, a multi-line secret, or the env form with \\n escapes).',
  },
  indented: {
    message: 'The lines start with spaces (from a YAML block or a heredoc).',
    fix: 'Remove the leading spaces; in YAML, use a block scalar (|) so the indentation is not part of the value.',
  },
  'no-header': {
    message: 'The BEGIN and END lines are missing: this is only the base64 body of a key.',
    fix: 'Keep the key with its BEGIN and END lines.',
  },
  'broken-header': {
    message: 'The BEGIN or END line is missing, cut or misspelt (each needs exactly five dashes on each side).',
    fix: 'Copy the key again from BEGIN to END, both lines whole.',
  },
  'wrong-label': {
    message: 'The BEGIN line names another kind of key than the one inside (PKCS#1 and PKCS#8 lines swapped).',
    fix: 'Convert the key instead of editing its BEGIN and END lines.',
  },
  damaged: {
    message: 'This is not a readable key: its body is not base64, or it is cut short or damaged.',
    fix: 'Copy the key again from its source whole, or export it again.',
  },
  openssh: {
    message: 'This is an OpenSSH private key; JWT libraries read PEM (PKCS#1 or PKCS#8), not this format.',
    fix: 'Convert it to PKCS#8 PEM.',
  },
  'public-key': {
    message:
      'This is a public key. Signing tokens needs the private key; the public key is what the JaaS console takes.',
    fix: 'Use the private key file: the one without ".pub".',
  },
  encrypted: {
    message: 'This key is encrypted with a passphrase, and servers that sign tokens read it without one.',
    fix: 'Decrypt it, and keep the decrypted key in the server’s secret store instead.',
  },
  'not-rsa': {
    message: 'This is not an RSA key. JaaS signs tokens with RS256, which needs RSA.',
    fix: 'Make a new 4096-bit RSA key for JaaS.',
  },
  'wrong-size': {
    message: 'JaaS API keys are 4096-bit RSA keys; this one is not.',
    fix: 'Make a new 4096-bit key and upload its public key to the JaaS console.',
  },
  'pkcs1-needs-pkcs8': {
    message: 'This is PKCS#1 ("BEGIN RSA PRIVATE KEY"); the runtime named reads only PKCS#8 ("BEGIN PRIVATE KEY").',
    fix: 'Convert it to PKCS#8; the key stays the same.',
  },
};
