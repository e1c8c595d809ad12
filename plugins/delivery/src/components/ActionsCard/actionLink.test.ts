import { ACTION_TEMPLATES, actionHref, actionsFor } from './actionLink';

describe('actionHref', () => {
  it('puts the form data in one URI-encoded JSON query parameter', () => {
    const href = actionHref(
      '/create/templates/default/delivery-deploy',
      'deploy',
      {
        entityRef: 'component:default/payment-service',
        environment: 'staging',
        image: 'ghcr.io/acme/payment-service@sha256:abc&x=1',
      },
    );
    expect(href).toBe(
      '/create/templates/default/delivery-deploy?formData=%7B%22entityRef%22%3A%22component%3Adefault%2Fpayment-service%22%2C%22environment%22%3A%22staging%22%2C%22image%22%3A%22ghcr.io%2Facme%2Fpayment-service%40sha256%3Aabc%26x%3D1%22%7D',
    );
    const query = new URLSearchParams(href.slice(href.indexOf('?')));
    expect(query.get('formData')).toBe(
      '{"entityRef":"component:default/payment-service","environment":"staging","image":"ghcr.io/acme/payment-service@sha256:abc&x=1"}',
    );
  });

  it('leaves the image out when there is none', () => {
    const href = actionHref('/t', 'deploy', {
      entityRef: 'component:default/a',
      environment: 'qa',
      image: undefined,
    });
    expect(decodeURIComponent(href)).toBe(
      '/t?formData={"entityRef":"component:default/a","environment":"qa"}',
    );
  });

  it.each(['rollback', 'promote', 'abort', 'scale'] as const)(
    'gives %s the service and the environment, never an image',
    action => {
      const href = actionHref('/t', action, {
        entityRef: 'component:default/a',
        environment: 'qa',
        image: 'a:1',
      });
      expect(decodeURIComponent(href)).toBe(
        '/t?formData={"entityRef":"component:default/a","environment":"qa"}',
      );
    },
  );

  it('starts a scale from the autoscaler bounds now, when they are known', () => {
    const href = actionHref('/t', 'scale', {
      entityRef: 'component:default/a',
      environment: 'qa',
      hpa: { min: 2, max: 6 },
    });
    expect(decodeURIComponent(href)).toBe(
      '/t?formData={"entityRef":"component:default/a","environment":"qa","minReplicas":2,"maxReplicas":6}',
    );
  });

  it('starts a failover as a drill unless told otherwise', () => {
    const target = { entityRef: 'component:default/a', environment: 'prod' };
    expect(decodeURIComponent(actionHref('/t', 'failover', target))).toBe(
      '/t?formData={"entityRef":"component:default/a","environment":"prod","mode":"drill"}',
    );
    expect(
      decodeURIComponent(
        actionHref('/t', 'failover', { ...target, mode: 'switchover' }),
      ),
    ).toContain('"mode":"switchover"');
  });
});

describe('ACTION_TEMPLATES', () => {
  it('names each action template as templates/actions does', () => {
    expect(ACTION_TEMPLATES).toEqual({
      deploy: { namespace: 'default', templateName: 'delivery-deploy' },
      rollback: { namespace: 'default', templateName: 'delivery-rollback' },
      scale: { namespace: 'default', templateName: 'delivery-scale' },
      promote: { namespace: 'default', templateName: 'delivery-promote' },
      abort: { namespace: 'default', templateName: 'delivery-abort' },
      retry: { namespace: 'default', templateName: 'delivery-retry' },
      migrate: { namespace: 'default', templateName: 'delivery-migrate' },
      failover: { namespace: 'default', templateName: 'delivery-failover' },
    });
  });
});

describe('actionsFor', () => {
  it('offers Promote and Abort only for strategies that can pause, Scale for every one', () => {
    expect(actionsFor('rolling')).toEqual(['deploy', 'rollback', 'scale']);
    expect(actionsFor('blue-green')).toEqual([
      'deploy',
      'rollback',
      'promote',
      'abort',
      'scale',
    ]);
    expect(actionsFor('canary')).toEqual([
      'deploy',
      'rollback',
      'promote',
      'abort',
      'scale',
    ]);
  });

  it('offers Retry and neither Scale nor Migrate where an Argo Rollout runs the service', () => {
    expect(actionsFor('rolling', { database: true, argo: true })).toEqual([
      'deploy',
      'rollback',
      'promote',
      'abort',
      'retry',
    ]);
  });

  it('adds Migrate last for a service with a database', () => {
    expect(actionsFor('rolling', { database: true })).toEqual([
      'deploy',
      'rollback',
      'scale',
      'migrate',
    ]);
  });
});
