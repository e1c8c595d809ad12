import { kustomize, parseManifests, readableStderr } from './kustomize';

// Runs kustomize as a process: seconds on a busy machine.
jest.setTimeout(30_000);

describe('readableStderr', () => {
  it('drops the "error: " upstream kubectl prints', () => {
    expect(
      readableStderr(
        "error: accumulating resources: accumulation err='missing.yaml'\n",
      ),
    ).toBe("accumulating resources: accumulation err='missing.yaml'");
  });

  it('unwraps the klog line some distribution builds print', () => {
    expect(
      readableStderr(
        'E1124 01:11:57.027606   12872 run.go:72] "command failed" err="accumulating resources: \'x\': no such file or directory"\n',
      ),
    ).toBe("accumulating resources: 'x': no such file or directory");
  });
});

describe('parseManifests', () => {
  it('returns one object per document, skipping empty ones', () => {
    expect(
      parseManifests('---\napiVersion: v1\nkind: A\n---\n---\nkind: B\n'),
    ).toEqual({ objects: [{ apiVersion: 'v1', kind: 'A' }, { kind: 'B' }] });
  });

  it('reports output that is not YAML objects', () => {
    expect(parseManifests('kind: [\n').error).toMatch(
      /^kubectl kustomize printed invalid YAML: /,
    );
    expect(parseManifests('- a\n- b\n')).toEqual({
      error: 'kubectl kustomize printed a document that is not an object',
    });
  });
});

describe('kustomize', () => {
  it('says how to fix a missing kubectl', async () => {
    expect(await kustomize('.', 'kubectl-that-is-not-installed')).toEqual({
      error:
        'kubectl-that-is-not-installed was not found: set delivery.goldenPath.kubectl to the path of a kubectl, or leave it unset to use the bundled one',
    });
  });
});
