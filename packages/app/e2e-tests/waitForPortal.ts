/**
 * The dev server answers before the backend is ready; the journeys need both, and the
 * catalog needs the example entities loaded.
 */
export default async function waitForPortal() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(
        'http://localhost:7007/.backstage/health/v1/readiness',
      );
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error('the backend on :7007 did not become ready within 180 s');
}
