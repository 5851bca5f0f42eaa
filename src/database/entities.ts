import { Agency } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';

/** Every entity, listed once: the DataSource and the drift check both read this. */
export const ENTITIES = [Partnership, Agency];
