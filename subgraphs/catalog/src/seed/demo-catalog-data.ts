/** Words the demo catalog is made of: enough variety to browse, nothing more. */
/** A node of the demo category tree; leaves are where products are listed. */
export interface CategoryNode {
  slug: string;
  name: string;
  children?: readonly CategoryNode[];
}

/** Three levels deep: department, family, leaf. */
export const CATEGORY_TREE: readonly CategoryNode[] = [
  {
    slug: 'apparel',
    name: 'Apparel',
    children: [
      { slug: 'tops', name: 'Tops', children: [{ slug: 't-shirts', name: 'T-Shirts' }, { slug: 'hoodies', name: 'Hoodies' }] },
      { slug: 'outerwear', name: 'Outerwear', children: [{ slug: 'jackets', name: 'Jackets' }, { slug: 'raincoats', name: 'Raincoats' }] },
    ],
  },
  {
    slug: 'footwear',
    name: 'Footwear',
    children: [
      { slug: 'athletic', name: 'Athletic', children: [{ slug: 'running-shoes', name: 'Running Shoes' }, { slug: 'trail-shoes', name: 'Trail Shoes' }] },
      { slug: 'outdoor', name: 'Outdoor', children: [{ slug: 'boots', name: 'Boots' }] },
    ],
  },
  {
    slug: 'home',
    name: 'Home',
    children: [
      { slug: 'kitchen', name: 'Kitchen', children: [{ slug: 'mugs', name: 'Mugs' }, { slug: 'teapots', name: 'Teapots' }] },
      { slug: 'bedroom', name: 'Bedroom', children: [{ slug: 'blankets', name: 'Blankets' }, { slug: 'pillows', name: 'Pillows' }] },
    ],
  },
];

export const NOUN_BY_CATEGORY: Record<string, string> = {
  't-shirts': 'T-Shirt',
  hoodies: 'Hoodie',
  jackets: 'Jacket',
  raincoats: 'Raincoat',
  'running-shoes': 'Running Shoe',
  'trail-shoes': 'Trail Shoe',
  boots: 'Boot',
  mugs: 'Mug',
  teapots: 'Teapot',
  blankets: 'Blanket',
  pillows: 'Pillow',
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
  raincoats: [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }, { name: 'Colour', values: ['Yellow', 'Olive'] }],
  'trail-shoes': [{ name: 'Size', values: ['40', '42', '44', '45'] }, { name: 'Colour', values: ['Grey', 'Orange'] }],
  teapots: [{ name: 'Colour', values: ['White', 'Cobalt'] }],
  pillows: [{ name: 'Size', values: ['Standard', 'King'] }, { name: 'Colour', values: ['Oat', 'Moss', 'Slate'] }],
  'running-shoes': [{ name: 'Size', values: ['40', '41', '42', '43', '44', '45'] }],
  boots: [{ name: 'Size', values: ['39', '41', '43', '45'] }],
  mugs: [{ name: 'Colour', values: ['Sand', 'Slate', 'Rust'] }],
  blankets: [{ name: 'Colour', values: ['Oat', 'Moss'] }],
};
