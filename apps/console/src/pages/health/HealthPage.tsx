import { consoleApi } from '../../api.ts';
import { LoadedView } from '../../components/LoadedView.tsx';
import { useLoaded } from '../../components/useLoaded.ts';
import { HealthStatus } from './HealthStatus.tsx';
import { SigningKeyRotation } from './SigningKeyRotation.tsx';

/** 运行状态 and 签名密钥轮换 (系统管理员). */
export function HealthPage() {
  const { loaded, reload } = useLoaded(consoleApi.health);
  return (
    <>
      <LoadedView loaded={loaded}>{(health) => <HealthStatus health={health} onRefresh={reload} />}</LoadedView>
      <SigningKeyRotation />
    </>
  );
}
