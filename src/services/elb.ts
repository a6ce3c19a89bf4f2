// Classic Elastic Load Balancing: thin typed functions over @aws-sdk/client-elastic-load-balancing.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};
