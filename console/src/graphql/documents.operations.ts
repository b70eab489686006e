import { graphql } from './generated';

export const ENTRY_SUMMARY_DOCUMENTS = graphql(`
  query ConsoleEntrySummaryDocuments($id: ID!) {
    filing(id: $id) {
      id
      documents {
        ...DocumentRow
      }
    }
  }
`);

// Declared for codegen only: the generated documents carry the fragment's definition.
graphql(`
  fragment DocumentRow on Document {
    id
    kind
    fileName
    contentType
    size
    uploadedBy
    uploadedAt
    downloadUrl
  }
`);

export const REQUEST_DOCUMENT_UPLOAD = graphql(`
  mutation ConsoleRequestDocumentUpload($input: RequestDocumentUploadInput!) {
    requestDocumentUpload(input: $input) {
      id
      uploadUrl
      expiresAt
    }
  }
`);
