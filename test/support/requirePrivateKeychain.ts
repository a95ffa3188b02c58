// Refuses to run the suite on Linux outside the private keychain session that
// scripts/with-keychain.mjs starts, so a stray `npx vitest` cannot write to a
// person's own keychain.
if (process.platform === 'linux' && process.env.JAAS_TEST_KEYCHAIN !== 'private') {
  throw new Error('Run the tests with `npm test`: it starts a private keychain for them.');
}
