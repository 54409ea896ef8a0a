// Where the applicant collects the result (ND 118/2025/NĐ-CP: any centre, or by the public
// postal service): the choices the configured reception unit offers, and the applicant's choice
// checked against them before it is recorded with the dossier and printed on the receipt.
import { SohoaError } from '../../../shared/errors';
import type { CollectionPlace, ReceptionUnitSettings } from '../../../shared/settings';
import type { ResultDelivery } from './store';

/** The unit as the counter uses it: its name (or the agency's) and the places it offers. */
export interface ReceivingUnit {
  /** The name printed on slips: the configured unit, else the agency. */
  name: string;
  /** At least one: the unit itself when none is configured. */
  places: CollectionPlace[];
  postal: boolean;
}

export function receivingUnit(
  settings: ReceptionUnitSettings | undefined,
  agencyName: string,
): ReceivingUnit {
  const name = settings?.unitName.trim() || agencyName;
  const places = settings?.collectionPlaces.length
    ? settings.collectionPlaces
    : [{ name, address: '' }];
  return { name, places, postal: settings?.postal ?? true };
}

/**
 * The applicant's choice as recorded: a configured place (its address from the settings), or
 * the post (to the address given, else the applicant's). No choice: the first place.
 */
export function resolveDelivery(
  unit: ReceivingUnit,
  choice: ResultDelivery | undefined,
  applicantAddress = '',
): ResultDelivery {
  if (!choice) return { kind: 'place', ...unit.places[0]! };
  if (choice.kind === 'post') {
    if (!unit.postal) throw new SohoaError('DELIVERY_CHOICE_INVALID', 'bưu chính công ích');
    const address = choice.address.trim() || applicantAddress.trim();
    // A result sent by post to no address would be lost: the clerk is asked for one.
    if (!address) throw new SohoaError('DELIVERY_ADDRESS_MISSING', 'bưu chính công ích');
    return { kind: 'post', address };
  }
  const place = unit.places.find((p) => p.name === choice.name);
  if (!place) throw new SohoaError('DELIVERY_CHOICE_INVALID', choice.name);
  return { kind: 'place', ...place };
}
