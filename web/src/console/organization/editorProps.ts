import type { OrganizationDetail } from '@contract/organizations';

export interface EditorProps {
  organization: OrganizationDetail;
  onClose: () => void;
}
