import { Badge, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useViews } from '../../api/hooks';
import { paramsOfView, writeQueueParams } from '../queueParams';

/** The saved views in the navigation, the team's first, each with how many requests it holds now. */
export function SavedViewsNav({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const views = useViews();
  const location = useLocation();
  const current = new URLSearchParams(location.search).get('view');
  if (!views.data?.length) return null;
  return (
    <nav aria-label={t('tools.views')} data-testid="saved-views">
      {views.data.map((view) => (
        <NavLink
          key={view.id}
          component={Link}
          to={`/?${writeQueueParams(paramsOfView(view.query), view.id)}`}
          label={view.name}
          description={view.shared ? t('tools.viewSharedShort') : undefined}
          active={current === view.id}
          onClick={onOpen}
          pl="lg"
          rightSection={
            view.count === null ? null : (
              <Badge size="sm" variant="light" data-testid="view-count">
                {view.countCapped ? `${view.count}+` : view.count}
              </Badge>
            )
          }
        />
      ))}
    </nav>
  );
}
