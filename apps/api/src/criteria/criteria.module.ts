import { Module } from '@nestjs/common';
import { CriteriaController } from './criteria.controller';
import { CriteriaService } from './criteria.service';

/** A committee's own admission criteria: adopted, edited and retired with their document and dates (issue 9 §6). */
@Module({
  controllers: [CriteriaController],
  providers: [CriteriaService],
})
export class CriteriaModule {}
