import { deployHref } from './deployLink';

describe('deployHref', () => {
  it('puts the form data in one URI-encoded JSON query parameter', () => {
    const href = deployHref('/create/templates/default/delivery-deploy', {
      entityRef: 'component:default/payment-service',
      environment: 'staging',
      image: 'ghcr.io/acme/payment-service@sha256:abc&x=1',
    });
    expect(href).toBe(
      '/create/templates/default/delivery-deploy?formData=%7B%22entityRef%22%3A%22component%3Adefault%2Fpayment-service%22%2C%22environment%22%3A%22staging%22%2C%22image%22%3A%22ghcr.io%2Facme%2Fpayment-service%40sha256%3Aabc%26x%3D1%22%7D',
    );
    const query = new URLSearchParams(href.slice(href.indexOf('?')));
    expect(query.get('formData')).toBe(
      '{"entityRef":"component:default/payment-service","environment":"staging","image":"ghcr.io/acme/payment-service@sha256:abc&x=1"}',
    );
  });

  it('leaves the image out when there is none', () => {
    const href = deployHref('/t', {
      entityRef: 'component:default/a',
      environment: 'qa',
      image: undefined,
    });
    expect(decodeURIComponent(href)).toBe(
      '/t?formData={"entityRef":"component:default/a","environment":"qa"}',
    );
  });
});
