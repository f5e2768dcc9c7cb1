import { ItemContent } from './item-content';
import { MaterialSource } from './item-types';

export interface OffendingMaterial {
  /** Path in the content, e.g. `materials[2]`. */
  field: string;
  name: string;
  proofCode: string;
}

/**
 * "清单之外无证明": every proof an item asks for must be on the retained-proof list. Returns each
 * material that asks for a proof not on `retainedCodes`; publishing must refuse when any is returned.
 */
export function proofsOutsideList(content: ItemContent, retainedCodes: ReadonlySet<string>): OffendingMaterial[] {
  return content.materials.flatMap((material, i) =>
    material.source === MaterialSource.RETAINED_PROOF && !retainedCodes.has(material.proofCode ?? '')
      ? [{ field: `materials[${i}]`, name: material.name, proofCode: material.proofCode ?? '' }]
      : [],
  );
}
