import { IsIn, IsNotEmpty, IsUUID } from 'class-validator';
import { INSTANCE_ROLES, type InstanceRole } from '../../../../workflows/shared/roles';

export class AddMemberForm {
  @IsUUID('all', { message: 'Select a person from the list' })
  @IsNotEmpty({ message: 'Select a person' })
  personId!: string;

  @IsIn(INSTANCE_ROLES, { message: 'Select their role on this audit or review' })
  role!: InstanceRole;
}

/** The hidden fields of a "Remove" button: only a forged post gets these wrong. */
export class RemoveMemberForm {
  @IsUUID('all', { message: 'Choose whom to remove from the list' })
  personId!: string;

  @IsIn(INSTANCE_ROLES, { message: 'Choose whom to remove from the list' })
  role!: InstanceRole;
}
