import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';

type Server = Parameters<typeof request>[0];

/**
 * How often the scaffolder's task broker reads a task's events (`StorageTaskBroker.event$`):
 * one loop per running task, to hear of a cancellation, and one per read of
 * `GET /v2/tasks/:id/events`. A loop sees the task's completion up to one poll after it was
 * written, unsubscribes, and ends once its pending one-second timer fires: up to two polls.
 */
const BROKER_EVENT_POLL_MS = 1000;

/** When this test file last saw a task finished (and read its events). */
let lastTaskEnd = 0;

// A file that ends sooner leaves such a timer pending in its jest worker, and jest
// force-kills a worker that does not exit within half a second of its last file ("A worker
// process has failed to exit gracefully"). So a file that ran tasks ends two polls, and a
// margin, after the last one it saw finish.
afterAll(async () => {
  const wait = lastTaskEnd + 2 * BROKER_EVENT_POLL_MS + 200 - Date.now();
  if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
});

export interface TaskResult {
  /** The scaffolder's answer when it refused to create the task. */
  rejected?: request.Response;
  status?: string;
  /** Step logs and the completion event's error, one per line. */
  log: string;
  id?: string;
}

/** Creates a task through `POST /api/scaffolder/v2/tasks` and waits for its end. */
export async function startTask(
  server: Server,
  templateRef: string,
  values: object,
  authorization = mockCredentials.user.header(),
): Promise<{ id?: string; rejected?: request.Response }> {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', authorization)
    .send({ templateRef, values });
  return created.status === 201
    ? { id: created.body.id as string }
    : { rejected: created };
}

export async function waitForTask(
  server: Server,
  id: string,
  authorization = mockCredentials.user.header(),
): Promise<TaskResult> {
  for (;;) {
    const task = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}`)
      .set('Authorization', authorization);
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${id}/events`)
        .set('Authorization', authorization);
      const log = (
        events.body as Array<{
          body: { message?: string; error?: { message?: string } };
        }>
      )
        .flatMap(e => [e.body.message, e.body.error?.message])
        .filter(Boolean)
        .join('\n');
      lastTaskEnd = Date.now();
      return { id, status: task.body.status as string, log };
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

export async function runTask(
  server: Server,
  templateRef: string,
  values: object,
  authorization?: string,
): Promise<TaskResult> {
  const { id, rejected } = await startTask(
    server,
    templateRef,
    values,
    authorization,
  );
  if (!id) return { rejected, log: '' };
  return waitForTask(server, id, authorization);
}
