import { useTranslation } from 'react-i18next';
import { type Period, ReportPanel } from './ReportPanel';

/**
 * What a manager asks: each agent's month, time to resolution, the requests suggested pages spared,
 * and the customers' ratings over time.
 */
export function PerformanceReports({ period }: { period: Period }) {
  const { t } = useTranslation();
  return (
    <>
      <ReportPanel report="agents" period={period} title={t('reports.agents')} />
      <ReportPanel report="resolution" period={period} title={t('reports.resolution')} />
      <ReportPanel report="deflection" period={period} title={t('reports.deflection')} />
      <ReportPanel report="satisfaction" period={period} title={t('reports.satisfaction')} />
    </>
  );
}
