import { DOCUMENT_KINDS, DOCUMENT_SUBJECT_TYPES, type DocumentKind, type DocumentSubjectType } from '@cee-hub/db';
import { GraphQLDateTime } from 'graphql-scalars';
import { graphqlEnum } from '@cee-hub/common/subgraph';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

export const DocumentKindEnum = graphqlEnum(DOCUMENT_KINDS, {
  name: 'DocumentKind',
  description: 'What a document is, in CBP practice: the paperwork of an entry, answers to a CF-28 or CF-29, a PGA form, a power of attorney',
});

export const DocumentSubjectTypeEnum = graphqlEnum(DOCUMENT_SUBJECT_TYPES, { name: 'DocumentSubjectType', description: 'What a document belongs to' });

@InputType({ description: 'The entry summary or onboarding application a document belongs to' })
export class DocumentSubjectInput {
  @Field(() => DocumentSubjectTypeEnum)
  type: DocumentSubjectType;

  @Field(() => ID)
  id: string;
}

@InputType({ description: 'What is about to be uploaded; the bytes must match it' })
export class RequestDocumentUploadInput {
  @Field(() => DocumentSubjectInput)
  subject: DocumentSubjectInput;

  @Field(() => DocumentKindEnum)
  kind: DocumentKind;

  @Field({ description: 'The file name shown to others, e.g. invoice-4471.pdf' })
  fileName: string;

  @Field({ description: 'The MIME type, e.g. application/pdf; the bytes are checked to be of it' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes' })
  size: number;

  @Field({ description: 'SHA-256 of the bytes, 64 hexadecimal digits' })
  sha256: string;
}

@ObjectType({ description: 'Where to send the bytes of a declared document: PUT them to uploadUrl, once, before expiresAt' })
export class DocumentUpload {
  @Field(() => ID)
  id: string;

  @Field({ description: "A one-time URL on the gateway's origin" })
  uploadUrl: string;

  @Field({ description: 'Always PUT' })
  method: string;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field(() => Int, { description: 'The largest document accepted, in bytes' })
  maxBytes: number;
}

@ObjectType({ description: 'What a document belongs to' })
export class DocumentSubjectRef {
  @Field(() => DocumentSubjectTypeEnum)
  type: DocumentSubjectType;

  @Field(() => ID)
  id: string;
}

@ObjectType({ description: 'A document of an entry summary or an application: its bytes arrived and matched their declaration' })
@Directive('@key(fields: "id")')
export class Document {
  @Field(() => ID)
  id: string;

  @Field(() => DocumentKindEnum)
  kind: DocumentKind;

  @Field()
  fileName: string;

  @Field({ description: 'The MIME type the bytes were checked to be' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes' })
  size: number;

  @Field({ description: 'SHA-256 of the bytes, in hexadecimal' })
  sha256: string;

  @Field(() => DocumentSubjectRef)
  subject: DocumentSubjectRef;

  @Field({ description: "Who uploaded it: an email; to the trade, 'U.S. Customs and Border Protection' for CBP's own uploads" })
  uploadedBy: string;

  @Field({ description: 'Role of the uploader (CBP to the trade for CBP staff)' })
  uploadedByRole: string;

  @Field(() => GraphQLDateTime)
  uploadedAt: Date;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class EntrySummary {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Onboarding {
  @Field(() => ID)
  id: string;
}
