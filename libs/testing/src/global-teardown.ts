export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __partyflowStopPg?: () => Promise<void> }).__partyflowStopPg?.();
}
