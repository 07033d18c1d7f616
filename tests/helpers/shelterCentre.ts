/** A centre with desk 1 in the hall and desk 5 in the shelter (both DL_EXCHANGE), and a board and a kiosk in each place. */
import type { ConfigInput, TalonConfig } from '../../main/config/schema.js';
import { testConfig, TOKENS } from './hub.js';

export const SHELTER_TOKENS = { board: 'shelter-board-1', kiosk: 'shelter-kiosk-1' };

export function shelterConfig(dir: string, over: Partial<ConfigInput> = {}): TalonConfig {
  return testConfig(
    {
      ...over,
      desks: [
        { number: 1, services: ['DL_EXCHANGE'], token: TOKENS.desk(1) },
        { number: 3, services: ['THEORY_EXAM'], token: TOKENS.desk(3) },
        { number: 5, services: ['DL_EXCHANGE'], token: TOKENS.desk(5), shelter: true },
      ],
      hub: {
        host: '127.0.0.1',
        port: 0,
        kioskTokens: [TOKENS.kiosk],
        adminTokens: [TOKENS.admin],
        shelterBoardTokens: [SHELTER_TOKENS.board],
        shelterKioskTokens: [SHELTER_TOKENS.kiosk],
      },
    },
    dir,
  );
}
