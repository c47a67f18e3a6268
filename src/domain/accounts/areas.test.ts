import { describe, expect, it } from 'vitest';
import { abilitiesOf, areasOf } from './areas.js';

describe('the areas a person is shown', () => {
  it('shows a contact the portal, support the console, and administrators its administration', () => {
    expect(areasOf('contact')).toEqual([
      'home',
      'newRequest',
      'requests',
      'releases',
      'policy',
      'documentation',
      'profile',
    ]);
    expect(areasOf('agent')).toContain('reports');
    expect(areasOf('agent')).not.toContain('team');
    expect(areasOf('admin')).toEqual(
      expect.arrayContaining(['team', 'rejections', 'mail', 'webhooks', 'reports']),
    );
  });

  it("keeps the vendor's reports from a partner engineer (§2.6)", () => {
    expect(areasOf('partner')).not.toContain('reports');
    expect(areasOf('partner')).toContain('queue');
  });

  it('lets only administrators change the shared records', () => {
    expect(abilitiesOf('admin')).toContain('manageReleases');
    expect(abilitiesOf('agent')).toEqual([]);
    expect(abilitiesOf('partner')).toEqual([]);
    expect(abilitiesOf('contact')).toEqual([]);
  });
});
