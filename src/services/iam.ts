// IAM server certificates: thin typed functions over @aws-sdk/client-iam.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};
