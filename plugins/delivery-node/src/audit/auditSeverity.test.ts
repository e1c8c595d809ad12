import { changeSeverity } from './auditSeverity';

describe('changeSeverity', () => {
  const environments = [
    { name: 'staging', production: false },
    { name: 'production', production: true },
    { name: 'prod-eu', production: true },
  ];

  it('is high in an environment that serves users and medium elsewhere', () => {
    expect(changeSeverity(environments, 'production')).toBe('high');
    expect(changeSeverity(environments, 'prod-eu')).toBe('high');
    expect(changeSeverity(environments, 'staging')).toBe('medium');
    expect(changeSeverity(environments, 'nowhere')).toBe('medium');
    expect(changeSeverity(environments, undefined)).toBe('medium');
  });
});
