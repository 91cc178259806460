/** Words the demo catalog is made of: enough variety to browse, nothing more. */
export const CATEGORY_TREE = [
  { slug: 'apparel', name: 'Apparel', children: [{ slug: 't-shirts', name: 'T-Shirts' }, { slug: 'hoodies', name: 'Hoodies' }, { slug: 'jackets', name: 'Jackets' }] },
  { slug: 'footwear', name: 'Footwear', children: [{ slug: 'running-shoes', name: 'Running Shoes' }, { slug: 'boots', name: 'Boots' }] },
  { slug: 'home', name: 'Home', children: [{ slug: 'mugs', name: 'Mugs' }, { slug: 'blankets', name: 'Blankets' }] },
] as const;

export const NOUN_BY_CATEGORY: Record<string, string> = {
  't-shirts': 'T-Shirt',
  hoodies: 'Hoodie',
  jackets: 'Jacket',
  'running-shoes': 'Running Shoe',
  boots: 'Boot',
  mugs: 'Mug',
  blankets: 'Blanket',
};

export const ADJECTIVES = [
  'Alpine', 'Breezy', 'Cosy', 'Dawn', 'Ember', 'Fjord', 'Granite', 'Harbour', 'Indigo', 'Juniper',
  'Kestrel', 'Lagoon', 'Meadow', 'Nordic', 'Orchard', 'Pebble', 'Quarry', 'Ridge', 'Saffron', 'Tundra',
];

export const MATERIALS = ['Cotton', 'Merino', 'Linen', 'Canvas', 'Leather', 'Ceramic', 'Fleece', 'Recycled'];

export const OPTIONS_BY_CATEGORY: Record<string, { name: string; values: string[] }[]> = {
  't-shirts': [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }, { name: 'Colour', values: ['Black', 'White', 'Sage'] }],
  hoodies: [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }, { name: 'Colour', values: ['Charcoal', 'Navy'] }],
  jackets: [{ name: 'Size', values: ['S', 'M', 'L'] }],
  'running-shoes': [{ name: 'Size', values: ['40', '41', '42', '43', '44', '45'] }],
  boots: [{ name: 'Size', values: ['39', '41', '43', '45'] }],
  mugs: [{ name: 'Colour', values: ['Sand', 'Slate', 'Rust'] }],
  blankets: [{ name: 'Colour', values: ['Oat', 'Moss'] }],
};
